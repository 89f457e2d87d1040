/** What a function name may look like: it ends up in file paths and ids, so no dots or slashes. */
export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

export function isValidFunctionName(name: string): boolean {
  return FUNCTION_NAME_PATTERN.test(name);
}

/** Ids are a name plus a Unix time and an optional sequence: hello_1760055556 or hello_1760055556_2. */
export const FUNCTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}_[0-9]{9,12}(?:_[0-9]{1,6})?$/;

export function isValidFunctionId(id: string): boolean {
  return FUNCTION_ID_PATTERN.test(id);
}
