// Tailwind 4: app/globals.css loads the theme from tailwind.config.ts (`@config`).
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
