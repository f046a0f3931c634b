/**
 * Text-free SVG scenes, rendered to real bitmaps by sharp. They carry gradients, edges and small
 * detail so that before/after screenshots of an upscale show a visible difference, and they are
 * deterministic (seeded), so the same bytes come out on every run.
 */
const PALETTES = [
  { sky: ['#1d4e89', '#f6b26b'], sun: '#ffd966', hills: ['#274e13', '#38761d', '#6aa84f'] },
  { sky: ['#0b132b', '#5bc0be'], sun: '#f1f7ed', hills: ['#1c2541', '#3a506b', '#5c7a99'] },
  { sky: ['#ff9a8b', '#ffe3b3'], sun: '#ff6a5c', hills: ['#5d2e46', '#8e4162', '#b56576'] },
  { sky: ['#355c7d', '#c06c84'], sun: '#f8b195', hills: ['#2a363b', '#4b5d67', '#6c8a9b'] },
  { sky: ['#134e5e', '#71b280'], sun: '#fffbe6', hills: ['#0f3d3e', '#1f6f50', '#43a047'] },
];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** A landscape: gradient sky, sun, three ridges, scattered trees and a dotted foreground. */
export function landscapeSvg(width: number, height: number, variant: number): string {
  const p = PALETTES[variant % PALETTES.length]!;
  const rand = rng(variant * 7919 + width);
  const ridge = (base: number, rough: number) => {
    const steps = 12;
    const points = Array.from({ length: steps + 1 }, (_, i) => {
      const x = (i / steps) * width;
      const y = height * (base + (rand() - 0.5) * rough);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    });
    return `M0,${height} L${points.join(' L')} L${width},${height} Z`;
  };
  const trees = Array.from({ length: 14 }, () => {
    const x = rand() * width;
    const y = height * (0.72 + rand() * 0.2);
    const h = height * (0.06 + rand() * 0.08);
    return `<path d="M${x},${y - h} l${h * 0.35},${h} l${-h * 0.7},0 Z" fill="#0c2a14" opacity="0.85"/>`;
  });
  const dots = Array.from({ length: 60 }, () => {
    const r = Math.max(0.6, rand() * 1.6);
    return `<circle cx="${(rand() * width).toFixed(1)}" cy="${(height * (0.85 + rand() * 0.15)).toFixed(1)}" r="${r.toFixed(2)}" fill="#ffffff" opacity="0.5"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="${width * 0.72}" cy="${height * 0.32}" r="${Math.min(width, height) * 0.12}" fill="${p.sun}"/>
  <path d="${ridge(0.55, 0.2)}" fill="${p.hills[2]}"/>
  <path d="${ridge(0.68, 0.14)}" fill="${p.hills[1]}"/>
  <path d="${ridge(0.82, 0.08)}" fill="${p.hills[0]}"/>
  ${trees.join('\n  ')}
  ${dots.join('')}
</svg>`;
}

/** A badge on a transparent background: the alpha channel is what a PNG test checks. */
export function badgeSvg(width: number, height: number, variant: number): string {
  const p = PALETTES[variant % PALETTES.length]!;
  const r = Math.min(width, height) * 0.18;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient></defs>
  <rect x="${width * 0.08}" y="${height * 0.12}" width="${width * 0.84}" height="${height * 0.76}" rx="${r}" fill="url(#g)"/>
  <circle cx="${width * 0.3}" cy="${height * 0.5}" r="${height * 0.22}" fill="${p.sun}" stroke="#ffffff" stroke-width="2"/>
  <path d="M${width * 0.5},${height * 0.68} L${width * 0.64},${height * 0.3} L${width * 0.78},${height * 0.68} Z"
    fill="${p.hills[0]}" stroke="#ffffff" stroke-width="1.5"/>
</svg>`;
}

/**
 * A head-and-shoulders figure (hair, face, ears, neck, shirt) on a soft backdrop, drawn on a 400×512
 * canvas and scaled to the size asked: enough of a person for a selfie-segmentation model to find, with
 * a known outline. `silhouette` draws the same figure white on black — the mask a perfect cut-out has.
 */
export function portraitSvg(width: number, height: number, { silhouette = false } = {}): string {
  const fill = (colour: string) => (silhouette ? '#ffffff' : colour);
  const face = silhouette
    ? ''
    : `<ellipse cx="222" cy="205" rx="13" ry="8" fill="#fff"/><circle cx="222" cy="205" r="6" fill="#3a2a1a"/>
  <ellipse cx="290" cy="205" rx="13" ry="8" fill="#fff"/><circle cx="290" cy="205" r="6" fill="#3a2a1a"/>
  <path d="M206 188 q16 -10 32 0 M274 188 q16 -10 32 0" stroke="#3b2416" stroke-width="4" fill="none"/>
  <path d="M256 210 q-8 30 -4 42 q6 4 12 0" stroke="#b27454" stroke-width="3" fill="none"/>
  <path d="M226 275 q30 18 60 0" stroke="#a04a3a" stroke-width="6" fill="none" stroke-linecap="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="56 0 400 512" preserveAspectRatio="none">
  <defs>
    <radialGradient id="skin" cx="45%" cy="40%" r="60%"><stop offset="0" stop-color="#f2c7a5"/><stop offset="1" stop-color="#c98d6b"/></radialGradient>
    <linearGradient id="backdrop" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fb8c8"/><stop offset="1" stop-color="#d9e2e8"/></linearGradient>
    <linearGradient id="shirt" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2f4f7f"/><stop offset="1" stop-color="#1d3357"/></linearGradient>
  </defs>
  <rect x="0" y="0" width="512" height="512" fill="${silhouette ? '#000000' : 'url(#backdrop)'}"/>
  <path d="M96 512 C 100 400, 160 360, 256 352 C 352 360, 412 400, 416 512 Z" fill="${fill('url(#shirt)')}"/>
  <rect x="226" y="290" width="60" height="80" rx="20" fill="${fill('#d9a07f')}"/>
  <ellipse cx="256" cy="210" rx="88" ry="112" fill="${fill('url(#skin)')}"/>
  <path d="M166 200 C 160 110, 220 80, 256 82 C 300 80, 356 110, 346 200 C 330 150, 300 130, 256 128 C 210 130, 180 150, 166 200 Z" fill="${fill('#3b2416')}"/>
  <ellipse cx="168" cy="215" rx="10" ry="22" fill="${fill('#d9a07f')}"/><ellipse cx="344" cy="215" rx="10" ry="22" fill="${fill('#d9a07f')}"/>
  ${face}
</svg>`;
}
