/** The configured store cannot be used as configured (a backend this version lacks, a file of
 * another tenant): a configuration problem, for a person to fix. */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
}
