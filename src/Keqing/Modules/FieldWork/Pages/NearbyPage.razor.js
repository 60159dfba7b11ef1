// The browser's location, asked only when the user presses the button (the page explains why first).
export function locate() {
    return new Promise(resolve => {
        if (!navigator.geolocation) { resolve({ ok: false, error: "unsupported" }); return; }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ ok: true, lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
            e => resolve({ ok: false, error: e.code === 1 ? "denied" : e.code === 3 ? "timeout" : "unavailable" }),
            { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
}
