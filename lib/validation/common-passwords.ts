// A short list of the passwords most often found in breach corpora (top entries of the
// public "most common passwords" lists). Refused at sign-up and on password change.
export const COMMON_PASSWORDS = new Set([
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd",
  "12345678", "123456789", "1234567890", "123123123", "11111111", "00000000", "87654321",
  "12341234", "11223344", "qwertyui", "qwerty123", "qwertyuiop", "1q2w3e4r", "1q2w3e4r5t",
  "iloveyou", "iloveyou1", "sunshine", "princess", "football", "baseball", "welcome1",
  "welcome123", "letmein1", "letmein123", "trustno1", "superman", "starwars", "whatever",
  "dragon123", "monkey123", "abc12345", "abcd1234", "aa123456", "asdfghjk", "asdf1234",
  "zxcvbnm1", "computer", "internet", "michelle", "jennifer", "changeme", "administrator",
  "admin123", "callback", "callback1", "jobsearch", "password!", "qazwsxedc", "1qaz2wsx",
]);
