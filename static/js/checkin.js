// The camera on the check-in page (templates/recruitment/checkin/page.html): read the QR code of a sign-up and
// submit its text through the page's own code form, as if staff had typed it. The browser's BarcodeDetector reads
// the code where it exists; elsewhere the vendored jsQR decoder (static/vendor/jsqr/) is loaded on first use.
// Without JavaScript the scanner stays hidden and the page works by typing; when the camera is refused or missing,
// a message says so and the typing field gets the focus.
(function () {
    "use strict";

    var SCAN_INTERVAL = 200; // ms between two looks at the video
    var SAME_CODE_PAUSE = 4000; // ms before the same code is submitted again (the code stays in view)

    var scanner, video, startButton, stopButton, message;
    var stream = null;
    var timer = null;
    var decode = null;
    var lastCode = "";
    var lastCodeAt = 0;

    function codeInput() {
        return document.querySelector("#code-form input[name='code']");
    }

    function say(text) {
        message.textContent = text;
        message.hidden = !text;
    }

    function offerTyping(text) {
        stop();
        say(text);
        var input = codeInput();
        if (input) {
            input.focus();
        }
    }

    function submitCode(code) {
        var now = Date.now();
        if (code === lastCode && now - lastCodeAt < SAME_CODE_PAUSE) {
            return;
        }
        lastCode = code;
        lastCodeAt = now;
        var input = codeInput();
        var form = document.getElementById("code-form");
        if (!input || !form) {
            return;
        }
        input.value = code;
        if (form.requestSubmit) {
            form.requestSubmit(); // htmx answers in place, the camera keeps running for the next person
        } else {
            stop();
            form.submit();
        }
    }

    function nativeDecoder() {
        if (!("BarcodeDetector" in window)) {
            return Promise.resolve(null);
        }
        return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
            if (formats.indexOf("qr_code") === -1) {
                return null;
            }
            var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
            return function () {
                return detector.detect(video).then(function (codes) {
                    return codes.length ? codes[0].rawValue : null;
                });
            };
        }, function () {
            return null;
        });
    }

    function loadJsQR() {
        if (window.jsQR) {
            return Promise.resolve(window.jsQR);
        }
        return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = scanner.getAttribute("data-decoder");
            script.onload = function () {
                resolve(window.jsQR);
            };
            script.onerror = reject;
            document.head.appendChild(script);
        });
    }

    function jsQRDecoder() {
        return loadJsQR().then(function (jsQR) {
            var canvas = document.createElement("canvas");
            var context = canvas.getContext("2d", { willReadFrequently: true });
            return function () {
                var width = video.videoWidth;
                var height = video.videoHeight;
                if (!width || !height) {
                    return Promise.resolve(null);
                }
                canvas.width = width;
                canvas.height = height;
                context.drawImage(video, 0, 0, width, height);
                var found = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
                    inversionAttempts: "dontInvert"
                });
                return Promise.resolve(found ? found.data : null);
            };
        });
    }

    function decoder() {
        if (decode) {
            return Promise.resolve(decode);
        }
        return nativeDecoder().then(function (found) {
            return found || jsQRDecoder();
        }).then(function (found) {
            decode = found;
            return found;
        });
    }

    function look() {
        if (!stream) {
            return;
        }
        decode().then(function (code) {
            code = code ? code.trim() : "";
            if (code) {
                submitCode(code);
            }
        }, function () {
            return null; // a frame that could not be read: try the next one
        }).then(function () {
            if (stream) {
                timer = window.setTimeout(look, SCAN_INTERVAL);
            }
        });
    }

    function start() {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
            offerTyping("Deze browser kan de camera niet gebruiken. Typ de code hieronder in, of zoek op naam.");
            return;
        }
        say("De camera wordt gestart…");
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
            stream = media;
            video.srcObject = media;
            video.hidden = false;
            startButton.hidden = true;
            stopButton.hidden = false;
            return video.play().then(decoder).then(function () {
                say("Houd de QR-code voor de camera.");
                look();
            });
        }).catch(function (error) {
            var refused = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
            offerTyping(refused
                ? "Je hebt geen toestemming gegeven voor de camera. Typ de code hieronder in, of zoek op naam."
                : "De camera kan niet worden gebruikt. Typ de code hieronder in, of zoek op naam.");
        });
    }

    function stop() {
        window.clearTimeout(timer);
        timer = null;
        if (stream) {
            stream.getTracks().forEach(function (track) {
                track.stop();
            });
        }
        stream = null;
        video.srcObject = null;
        video.hidden = true;
        startButton.hidden = false;
        stopButton.hidden = true;
        say("");
    }

    function init() {
        scanner = document.getElementById("scanner");
        if (!scanner) {
            return;
        }
        video = document.getElementById("scan-video");
        startButton = document.getElementById("scan-start");
        stopButton = document.getElementById("scan-stop");
        message = document.getElementById("scan-message");
        startButton.addEventListener("click", start);
        stopButton.addEventListener("click", function () {
            stop();
            startButton.focus();
        });
        window.addEventListener("pagehide", stop);
        scanner.hidden = false;
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
