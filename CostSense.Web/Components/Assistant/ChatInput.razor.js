// Enter sends the question and Shift+Enter starts a new line. The key is stopped here, in the browser, so the
// newline never reaches the text box; the form's submit event carries the send to the circuit.
export function enterSends(form) {
    form.addEventListener('keydown', e => {
        if (e.key !== 'Enter' || e.shiftKey || e.isComposing || !(e.target instanceof HTMLTextAreaElement)) return;
        e.preventDefault();
        form.requestSubmit();
    });
    // Until this runs, Enter writes a newline; the attribute says the box is ready (the browser tests wait for it).
    form.dataset.enterSends = 'true';
}
