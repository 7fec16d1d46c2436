// Tailwind 4 is configured in CSS (app/globals.css, `@theme`), not in tailwind.config.ts.
export default { plugins: { "@tailwindcss/postcss": {} } };
