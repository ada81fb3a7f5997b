/** Plugin options that the pos module reads (the plugin's `options` in medusa-config). */
export type PosModuleOptions = {
  /** A shift closing with a cash variance larger than this (in the store's currency) needs a manager. Default 5. */
  shift_variance_threshold?: number
  /** Wrong manager PINs in a row before PIN entry locks for the requester. Default 5. */
  pin_max_attempts?: number
  /** How long PIN entry stays locked, in minutes. Default 15. */
  pin_lock_minutes?: number
}

export type PosSettings = Required<PosModuleOptions>

export function resolvePosSettings(options: PosModuleOptions | undefined): PosSettings {
  return {
    shift_variance_threshold: options?.shift_variance_threshold ?? 5,
    pin_max_attempts: options?.pin_max_attempts ?? 5,
    pin_lock_minutes: options?.pin_lock_minutes ?? 15,
  }
}
