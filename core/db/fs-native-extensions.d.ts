// fs-native-extensions ships no type declarations; only the part this app uses.
declare module "fs-native-extensions" {
  /** Takes a lock on the open file without waiting; false when another open file holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
