// The customer pages' words in English and Russian, and how the payer's language is chosen.
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

/** The language switcher's cookie: the payer's own choice, ahead of the browser's Accept-Language. */
export const LOCALE_COOKIE = "dp_lang";

/** The payer's language: the switcher's cookie first, then the browser's Accept-Language. */
export function pickLocale(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : localeFromAcceptLanguage(acceptLanguage);
}

/** The first supported language in an Accept-Language header, honouring q-values; English otherwise. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.lang).find(isLocale) ?? "en";
}

const en = {
  languageName: "English",
  paymentTitle: "Payment",
  paymentRequestFrom: "Payment request from",
  amountToPay: "Amount to pay",
  order: "Order",
  reference: "Reference",
  referenceHint: "Write this reference in the payment’s comment (memo) field so we can find your payment.",
  expires: "Pay before",
  chooseMethod: "Choose how to pay",
  pay: "Pay",
  noMethods: "There is no payment method for this currency and amount yet.",
  noMethodsContact: "Please contact the merchant:",
  noMethodsContactGeneric: "Please contact the merchant who sent you this link.",
  payWith: "Pay with",
  paymentDetails: "Payment details",
  amount: "Amount",
  copy: "Copy",
  copied: "Copied",
  copyLabel: "Copy {label}",
  howToPay: "How to pay",
  qrAlt: "QR code with these payment details",
  qrCaption: "Scan with your banking app",
  afterPaying: "After you have paid",
  afterPayingHint: "Come back to this page (it remembers your choice) and press “I have paid”.",
  transactionId: "Transaction ID",
  transactionIdHint: "The number or code your bank or wallet gave this transfer.",
  optional: "optional",
  receipt: "Receipt",
  receiptHint: "A photo, screenshot or PDF of the receipt: PNG, JPEG, WebP or PDF, up to 10 MB.",
  confirm: "I have paid",
  changeMethod: "Choose another method",
  required: "required",
  errTransactionIdRequired: "Enter the transaction ID of your transfer.",
  errTransactionIdTooLong: "The transaction ID can be at most 100 characters.",
  errReceiptRequired: "Attach the receipt of your transfer.",
  errReceiptTooLarge: "The file is larger than 10 MB.",
  errReceiptType: "This file is not a PNG, JPEG, WebP image or a PDF.",
  errReceiptAgain: "Please choose the receipt file again.",
  errChooseMethod: "Choose a payment method.",
  errMethodUnavailable: "This method is no longer available. Please choose another.",
  errFixBelow: "Please correct the fields marked below.",
  submittedTitle: "Thank you — we are checking your payment",
  submittedBody:
    "We have received your confirmation. The merchant will check that the money has arrived and approve the payment; this usually takes a few hours on working days.",
  submittedNext: "You can close this page. Open this link again at any time to see the result.",
  submittedAt: "Confirmed",
  approvedTitle: "Payment received",
  approvedBody: "Your payment has been checked and approved. Thank you!",
  backToShop: "Back to the shop",
  cancelledTitle: "Payment cancelled",
  cancelledBody: "This payment has been cancelled.",
  reason: "Reason",
  cancelledContact: "If you have paid, contact the merchant and quote the reference:",
  expiredTitle: "This payment link has expired",
  expiredBody: "The time to pay has run out. If you still want to pay, ask the merchant for a new link.",
  contact: "Contact",
  language: "Language",
  notFoundTitle: "Page not found",
  notFoundBody: "There is nothing at this address.",
  notFoundHint: "Check the link you were given.",
  errorTitle: "Something went wrong",
  errorBody: "This page could not be shown just now. Please try again in a moment.",
  tryAgain: "Try again",
  errorReference: "Error code",
  statusOpen: "Waiting for payment",
  statusSubmitted: "Being checked",
  statusApproved: "Approved",
  statusCancelled: "Cancelled",
  statusExpired: "Expired",
  amountPaid: "Amount paid",
  amountDue: "Amount",
  showDetails: "Show payment details",
  steps: "Steps",
  stepOf: "Step {n} of 3",
  stepChoose: "Choose",
  stepPay: "Pay",
  stepTell: "Tell us",
  step2Title: "Pay with {method}",
  step2Hint: "Use these details in your bank or app. The amount and the reference must match.",
  step3Title: "Tell us you have paid",
  step3Hint: "Open this step once your transfer is sent.",
  referenceBlock: "Amount and reference",
  methodLabel: "Method",
  whatYouSent: "What you sent",
  noneSent: "Nothing else was needed.",
  approvedAt: "Approved",
  chooseFile: "Choose a file",
  chooseAnotherFile: "Choose another file",
  noFileChosen: "No file chosen",
  removeFile: "Remove the file",
  receiptPreview: "Preview of the chosen receipt",
  chosenFile: "Chosen file: {name}",
};

export type Messages = typeof en;

const ru: Messages = {
  languageName: "Русский",
  paymentTitle: "Оплата",
  paymentRequestFrom: "Запрос на оплату от",
  amountToPay: "Сумма к оплате",
  order: "Заказ",
  reference: "Код платежа",
  referenceHint: "Укажите этот код в назначении (комментарии) платежа, чтобы мы нашли ваш перевод.",
  expires: "Оплатить до",
  chooseMethod: "Выберите способ оплаты",
  pay: "Оплатить",
  noMethods: "Для этой валюты и суммы пока нет способа оплаты.",
  noMethodsContact: "Пожалуйста, свяжитесь с продавцом:",
  noMethodsContactGeneric: "Пожалуйста, свяжитесь с продавцом, который прислал вам эту ссылку.",
  payWith: "Оплата через",
  paymentDetails: "Реквизиты",
  amount: "Сумма",
  copy: "Копировать",
  copied: "Скопировано",
  copyLabel: "Копировать: {label}",
  howToPay: "Как оплатить",
  qrAlt: "QR-код с этими реквизитами",
  qrCaption: "Отсканируйте в приложении банка",
  afterPaying: "После оплаты",
  afterPayingHint: "Вернитесь на эту страницу (она запомнит ваш выбор) и нажмите «Я оплатил».",
  transactionId: "Номер транзакции",
  transactionIdHint: "Номер или код, который банк или кошелёк присвоил переводу.",
  optional: "необязательно",
  receipt: "Квитанция",
  receiptHint: "Фото, снимок экрана или PDF квитанции: PNG, JPEG, WebP или PDF, до 10 МБ.",
  confirm: "Я оплатил",
  changeMethod: "Выбрать другой способ",
  required: "обязательно",
  errTransactionIdRequired: "Укажите номер транзакции вашего перевода.",
  errTransactionIdTooLong: "Номер транзакции — не больше 100 символов.",
  errReceiptRequired: "Приложите квитанцию о переводе.",
  errReceiptTooLarge: "Файл больше 10 МБ.",
  errReceiptType: "Это не изображение PNG, JPEG, WebP и не PDF.",
  errReceiptAgain: "Пожалуйста, выберите файл квитанции ещё раз.",
  errChooseMethod: "Выберите способ оплаты.",
  errMethodUnavailable: "Этот способ больше недоступен. Выберите другой.",
  errFixBelow: "Исправьте отмеченные ниже поля.",
  submittedTitle: "Спасибо — мы проверяем ваш платёж",
  submittedBody:
    "Мы получили ваше подтверждение. Продавец проверит поступление денег и подтвердит платёж; обычно это занимает несколько часов в рабочие дни.",
  submittedNext: "Эту страницу можно закрыть. Откройте ссылку снова в любое время, чтобы увидеть результат.",
  submittedAt: "Отправлено",
  approvedTitle: "Платёж получен",
  approvedBody: "Ваш платёж проверен и подтверждён. Спасибо!",
  backToShop: "Вернуться в магазин",
  cancelledTitle: "Платёж отменён",
  cancelledBody: "Этот платёж отменён.",
  reason: "Причина",
  cancelledContact: "Если вы уже оплатили, свяжитесь с продавцом и назовите код платежа:",
  expiredTitle: "Срок действия ссылки истёк",
  expiredBody: "Время на оплату вышло. Если вы хотите оплатить, попросите у продавца новую ссылку.",
  contact: "Контакт",
  language: "Язык",
  notFoundTitle: "Страница не найдена",
  notFoundBody: "По этому адресу ничего нет.",
  notFoundHint: "Проверьте ссылку, которую вам прислали.",
  errorTitle: "Что-то пошло не так",
  errorBody: "Сейчас не удалось показать эту страницу. Попробуйте ещё раз.",
  tryAgain: "Попробовать снова",
  errorReference: "Код ошибки",
  statusOpen: "Ожидает оплаты",
  statusSubmitted: "На проверке",
  statusApproved: "Подтверждён",
  statusCancelled: "Отменён",
  statusExpired: "Истёк",
  amountPaid: "Оплаченная сумма",
  amountDue: "Сумма",
  showDetails: "Показать реквизиты",
  steps: "Шаги",
  stepOf: "Шаг {n} из 3",
  stepChoose: "Выбор",
  stepPay: "Оплата",
  stepTell: "Сообщить",
  step2Title: "Оплатите: {method}",
  step2Hint: "Используйте эти реквизиты в приложении банка. Сумма и код платежа должны совпадать.",
  step3Title: "Сообщите нам об оплате",
  step3Hint: "Откройте этот шаг, когда перевод отправлен.",
  referenceBlock: "Сумма и код платежа",
  methodLabel: "Способ",
  whatYouSent: "Что вы отправили",
  noneSent: "Больше ничего не требовалось.",
  approvedAt: "Подтверждён",
  chooseFile: "Выбрать файл",
  chooseAnotherFile: "Выбрать другой файл",
  noFileChosen: "Файл не выбран",
  removeFile: "Убрать файл",
  receiptPreview: "Предпросмотр выбранной квитанции",
  chosenFile: "Выбран файл: {name}",
};

export const MESSAGES: Record<Locale, Messages> = { en, ru };

export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}
