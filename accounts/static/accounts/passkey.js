// After django-otp-webauthn has registered a passkey, go on to the next step of the set-up.
const setup = document.getElementById("passkey-setup");
if (setup) {
  setup.addEventListener("otp_webauthn.register_complete", () => {
    window.location.assign(setup.dataset.doneUrl);
  });
}
