export default function setup() {
  if (!process.env.DATABASE_URL) {
    throw new Error("Integration tests need a database: run them with `npm test` (it provides a fresh one).");
  }
}
