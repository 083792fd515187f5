// The public pages' one stylesheet: readable on a phone, high contrast (WCAG AA), visible focus.
export const PAGE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 0 1rem 2rem; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; color: #1a1a1a; background: #fff; }
a { color: #4a1d96; }
a:focus, summary:focus, h2:focus { outline: 3px solid #b45309; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #4a1d96; color: #fff; padding: .5rem 1rem; }
.skip:focus { left: 0; }
header nav p { font-size: .9rem; margin: .75rem 0; }
h1 { font-size: 1.6rem; line-height: 1.25; color: #4a1d96; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #e5e0f0; padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
.intro { font-size: 1.1rem; }
.means { background: #fdf6e3; border-left: 6px solid #b45309; padding: .25rem 1rem; margin: 1rem 0; }
article { border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
.note { color: #4b4b4b; font-size: .9rem; font-style: italic; margin: 1rem 0 0; }
.meta { color: #4b4b4b; font-size: .9rem; margin: 0; }
ol { padding-left: 1.25rem; }
li { margin: .5rem 0; overflow-wrap: anywhere; }
.status { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .4rem; border-radius: .25rem; background: #eee; color: #1a1a1a; }
.done .status { background: #d1fae5; color: #064e3b; }
.on_track .status { background: #dbeafe; color: #1e3a8a; }
.at_risk .status { background: #fef3c7; color: #78350f; }
.late .status { background: #fee2e2; color: #7f1d1d; }
.plain, .when { color: #4b4b4b; }
dt { font-weight: 600; margin-top: 1rem; }
dd { margin: 0 0 0 1rem; }
.label { font-weight: 700; }
footer { margin-top: 2rem; font-size: .95rem; }
`;
