package io.virtforge.check;

/** How serious a finding is. */
public enum Severity {
    /** The domain will fail, or break the host's promises (pins on missing CPUs, pages that do not exist). */
    ERROR,
    /** The domain works but not as well as it should (a tuning checklist item). */
    WARNING,
    /** Worth knowing; nothing to fix. */
    INFO
}
