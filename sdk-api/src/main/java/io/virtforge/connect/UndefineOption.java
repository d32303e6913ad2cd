package io.virtforge.connect;

/** What {@link VirtDomain#undefine} also removes or keeps. */
public enum UndefineOption {
    /** Remove the NVRAM file of a UEFI guest. */
    NVRAM,
    /** Keep the NVRAM file. */
    KEEP_NVRAM,
    /** Remove a managed-save image. */
    MANAGED_SAVE,
    /** Remove snapshot metadata. */
    SNAPSHOTS_METADATA
}
