// The fonts a name may need, in every window: Noto Sans for Latin, Greek and
// Cyrillic, and for each other script the face the PDFs use, each loaded only
// when a character in its range is on screen (unicode-range). They are all
// one family, "Noto Sans", so every style rule that names it gets them.
// Registered through the FontFace API (no inline style, so the strict
// Content-Security-Policy holds), from the base the backend names: the
// desktop app serves them from its binary, once.

interface Face {
  file: string;
  weight: "400" | "700";
  style?: "italic";
  range?: string;
}

const RANGES: Record<string, string> = {
  Arabic: "U+0600-06FF, U+0750-077F, U+0870-08FF, U+FB50-FDFF, U+FE70-FEFF",
  Hebrew: "U+0590-05FF, U+FB1D-FB4F",
  Bengali: "U+0980-09FF",
  Devanagari: "U+0900-097F, U+A8E0-A8FF",
  Gurmukhi: "U+0A00-0A7F",
  Gujarati: "U+0A80-0AFF",
  Tamil: "U+0B80-0BFF, U+11FC0-11FFF",
  Ethiopic: "U+1200-139F, U+2D80-2DDF, U+AB00-AB2F",
};

/** Chinese, Japanese kana and Korean: one weight. */
const CJK_RANGE = "U+2E80-2FDF, U+3000-30FF, U+3100-312F, U+3190-31FF, U+3400-4DBF, U+4E00-9FFF, U+AC00-D7AF, U+F900-FAFF, U+FF00-FFEF";

export const FACES: Face[] = [
  { file: "NotoSans-Regular.ttf", weight: "400" },
  { file: "NotoSans-Bold.ttf", weight: "700" },
  { file: "NotoSans-Italic.ttf", weight: "400", style: "italic" },
  ...Object.entries(RANGES).flatMap(([script, range]) => [
    { file: `NotoSans${script}-Regular.ttf`, weight: "400" as const, range },
    { file: `NotoSans${script}-Bold.ttf`, weight: "700" as const, range },
  ]),
  { file: "DroidSansFallbackFull.ttf", weight: "400", range: CJK_RANGE },
  { file: "DroidSansFallbackFull.ttf", weight: "700", range: CJK_RANGE },
];

/** How long after the start the faces not yet needed are loaded anyway. */
const WARM_AFTER_MS = 3000;

/**
 * Registers every face from `base` (a URL ending in "/"); none where the page
 * cannot load fonts (tests). A few seconds after the start, every face is
 * loaded once in the background: otherwise the first name in a new script
 * (the Chinese face alone is 4 MB) is read and parsed in the middle of a
 * meeting, and the chair's next case waits for it.
 */
export function registerFonts(base: string): void {
  if (!base || typeof FontFace === "undefined" || !document.fonts) return;
  const faces = FACES.map((face) => {
    const descriptors: FontFaceDescriptors = { weight: face.weight, style: face.style ?? "normal", display: "block" };
    if (face.range) descriptors.unicodeRange = face.range;
    return new FontFace("Noto Sans", `url("${base}${face.file}") format("truetype")`, descriptors);
  });
  for (const face of faces) document.fonts.add(face);
  setTimeout(() => {
    for (const face of faces) void face.load().catch(() => undefined);
  }, WARM_AFTER_MS);
}
