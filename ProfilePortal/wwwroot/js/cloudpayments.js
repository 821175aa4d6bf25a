// Opens the CloudPayments payment widget for one invoice and reports how the customer left it. The outcome is
// settled on the server by the provider's Check and Pay notifications; this only tells the page when to start
// waiting for them. options.mode is 'charge' (a payment, the default) or 'auth' (a two-stage authorisation
// that takes nothing: a card binding's check, voided by the server once the card is saved).
export function pay(scriptUrl, options) {
    return new Promise((resolve) => {
        const open = () => {
            const widget = new window.cp.CloudPayments({ language: options.language });
            widget.pay(options.mode === 'auth' ? 'auth' : 'charge', {
                publicId: options.publicId,
                description: options.description,
                amount: options.amount,
                currency: options.currency,
                invoiceId: options.invoiceId,
                accountId: options.accountId,
                email: options.email,
                skin: 'classic',
            }, {
                onSuccess: () => resolve({ status: 'success', reason: '' }),
                onFail: (reason) => resolve({ status: 'fail', reason: String(reason ?? '') }),
            });
        };
        if (window.cp && window.cp.CloudPayments) {
            open();
            return;
        }
        const script = document.createElement('script');
        script.src = scriptUrl;
        script.onload = open;
        script.onerror = () => resolve({ status: 'unavailable', reason: '' });
        document.head.appendChild(script);
    });
}
