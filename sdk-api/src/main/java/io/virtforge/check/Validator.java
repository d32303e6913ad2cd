package io.virtforge.check;

import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import java.util.Objects;

/**
 * Runs a {@link Profile}'s rules over a domain, alone (structure only) or against a host
 * ({@link HostState}: what it has and what its other domains use). Immutable and thread-safe.
 */
public final class Validator {
    private final Profile profile;
    private final ValidationOptions options;

    private Validator(Profile profile, ValidationOptions options) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The STANDARD profile with default options. */
    public static Validator standard() {
        return new Validator(Profile.STANDARD, ValidationOptions.DEFAULT);
    }

    /** The LATENCY_SENSITIVE profile with default options. */
    public static Validator latencySensitive() {
        return new Validator(Profile.LATENCY_SENSITIVE, ValidationOptions.DEFAULT);
    }

    /** A validator of a profile with options. */
    public static Validator of(Profile profile, ValidationOptions options) {
        return new Validator(profile, options);
    }

    /** The profile. */
    public Profile profile() {
        return profile;
    }

    /** Checks the domain's structure (rules that need no host). */
    public Report validate(Domain domain) {
        return run(domain, null);
    }

    /**
     * Checks the domain against a host. The domain's own entry in the host state, if any (re-checking a
     * defined domain), does not count against it.
     */
    public Report validate(Domain domain, HostState host) {
        return run(domain, Objects.requireNonNull(host, "host"));
    }

    private Report run(Domain domain, HostState host) {
        CheckContext ctx = new CheckContext(domain, host, options);
        Findings out = new Findings();
        for (Rule r : profile.rules()) {
            if (r.needsHost() && host == null) {
                continue;
            }
            out.use(r.code(), profile.severityOf(r), profile.overrides(r));
            r.check(ctx, out);
        }
        return Report.of(out.all());
    }
}
