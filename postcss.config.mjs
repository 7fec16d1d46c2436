// Tailwind 4 is configured in CSS (app/globals.css, `@theme`), not in tailwind.config.ts.
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
