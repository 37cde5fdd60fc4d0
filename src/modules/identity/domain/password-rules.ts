// What a new password must be. Length is what makes a password hard to guess, so the rule is a minimum length
// (NIST SP 800-63B), not a mix of character classes; the maximum only bounds the work of hashing.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

// A type, not an interface, so it is assignable to the form kit's FieldErrors record.
export type NewPasswordErrors = {
  password?: string;
  confirmation?: string;
};

/** Errors by field for a new password and its confirmation, in words a person can act on; empty when all is well. */
export function newPasswordErrors(password: string, confirmation: string, email: string, current?: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const length = [...password].length;
  if (length === 0) errors.password = 'Enter a new password.';
  else if (length < PASSWORD_MIN_LENGTH)
    errors.password =
      `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a long password that is easy to ` + `remember.`;
  else if (length > PASSWORD_MAX_LENGTH) errors.password = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  else if (password.trim().toLowerCase() === email.trim().toLowerCase())
    errors.password = 'Do not use your e-mail address as your password.';
  else if (current !== undefined && password === current) errors.password = 'Choose a password different from your current one.';
  if (confirmation === '') errors.confirmation = 'Type the new password again to confirm it.';
  else if (!errors.password && confirmation !== password)
    errors.confirmation = 'The two passwords are not the same. Type the new password again in both fields.';
  return errors;
}
