// The team's day on a Leaflet map; tiles come through Keqing (/api/field/tiles), never straight from outside.
import * as L from "/lib/leaflet/leaflet-src.esm.js";

const maps = new WeakMap();

export function show(element, attribution, points) {
    let state = maps.get(element);
    if (!state) {
        const map = L.map(element);
        // The attribution is the admin's plain text; Leaflet would read it as HTML.
        const text = document.createElement("span");
        text.textContent = attribution || "";
        L.tileLayer("/api/field/tiles?z={z}&x={x}&y={y}", { maxZoom: 19, attribution: text.innerHTML }).addTo(map);
        state = { map, layer: L.layerGroup().addTo(map) };
        maps.set(element, state);
    }
    state.layer.clearLayers();
    const bounds = [];
    for (const p of points) {
        const label = document.createElement("span");
        label.textContent = p.label;
        L.circleMarker([p.lat, p.lng], { radius: 7, weight: 2 }).bindTooltip(label).addTo(state.layer);
        bounds.push([p.lat, p.lng]);
    }
    if (bounds.length > 0) state.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    else state.map.setView([35, 105], 4);
    state.map.invalidateSize();
}

export function dispose(element) {
    const state = maps.get(element);
    if (state) { state.map.remove(); maps.delete(element); }
}
