package io.virtforge.connect;

import io.virtforge.check.Profile;
import java.util.Objects;

/**
 * How {@link VirtConnection#define} checks a domain before handing it to the hypervisor.
 *
 * @param validation what to check
 * @param profile    the rules used (for HOST and STRUCTURE)
 */
public record DefineOptions(Validation validation, Profile profile) {
    /** Check the structure (the default): nothing a builder would refuse reaches libvirt. */
    public static final DefineOptions DEFAULT = new DefineOptions(Validation.STRUCTURE, Profile.STANDARD);

    /** What to check. */
    public enum Validation {
        /** Nothing: hand the XML to libvirt as it is. */
        NONE,
        /** The domain's own invariants. */
        STRUCTURE,
        /** Also against the connection's host state (pins, NUMA, pages, devices). */
        HOST
    }

    /** Checks for nulls. */
    public DefineOptions {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(profile, "profile");
    }

    /** No validation. */
    public static DefineOptions unchecked() {
        return new DefineOptions(Validation.NONE, Profile.STANDARD);
    }

    /** Validation against the host with a profile. */
    public static DefineOptions againstHost(Profile profile) {
        return new DefineOptions(Validation.HOST, profile);
    }
}
