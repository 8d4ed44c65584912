/** What the write-back needs from a ticket connector: where each timer value goes, and a write. */
import type { WritebackField } from "../../config/schema/connector-common.js";

export type { WritebackField };

/** ISO timestamp, number, text, or null for "clear the field". */
export type FieldValue = string | number | null;

export interface WritebackTarget {
  /** the connector instance name: the `source` of its tickets */
  readonly name: string;
  /** `writeback.enabled` of its config */
  readonly writebackEnabled: boolean;
  /** timer value → the source's field id (TOPdesk `optionalFields1.text1`, Jira `customfield_10101`) */
  readonly writebackFields: Readonly<Partial<Record<WritebackField, string>>>;
  /** Sets these fields (field id → value) on one ticket, by its canonical id. */
  writeFields(
    ticketId: string,
    values: Readonly<Record<string, FieldValue>>,
    signal?: AbortSignal,
  ): Promise<void>;
}
