package io.virtforge.check;

import java.util.Objects;

/**
 * One check of a domain, with a stable code and a default severity. Rules that need the host (its
 * CPUs, nodes, pages, devices) say so and are skipped when validating without one. Implement this to
 * add a control plane's own rules to a {@link Profile}.
 */
public interface Rule {
    /** The stable code of the findings this rule reports, e.g. {@code PIN_CPU_MISSING}. */
    String code();

    /** The default severity (a profile may override it). */
    Severity severity();

    /** True when the rule reads the host. */
    boolean needsHost();

    /** Checks the domain, reporting through {@code out}. */
    void check(CheckContext context, Findings out);

    /** The body of a rule. */
    @FunctionalInterface
    interface Check {
        /** Checks the domain, reporting through {@code out}. */
        void check(CheckContext context, Findings out);
    }

    /** A rule from its parts. */
    static Rule of(String code, Severity severity, boolean needsHost, Check check) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        return new Rule() {
            @Override
            public String code() {
                return code;
            }

            @Override
            public Severity severity() {
                return severity;
            }

            @Override
            public boolean needsHost() {
                return needsHost;
            }

            @Override
            public void check(CheckContext context, Findings out) {
                check.check(context, out);
            }

            @Override
            public String toString() {
                return code;
            }
        };
    }
}
