package io.virtforge.check;

/**
 * Thresholds of the validator.
 *
 * @param overcommitWarning vCPUs per CPU above which OVERCOMMIT warns (the seed's guidance: 1:1)
 * @param overcommitError   vCPUs per CPU above which OVERCOMMIT is an error (host-wide: for domains with a
 *                          dedicated vCPU; per node: for shared vCPUs) (the seed's guidance: 2:1 at most in
 *                          production)
 * @see OvercommitProfile what both ratios count
 */
public record ValidationOptions(double overcommitWarning, double overcommitError) {
    /** 1:1 warning, 2:1 error: the {@link OvercommitProfile#PRODUCTION production} profile. */
    public static final ValidationOptions DEFAULT = new ValidationOptions(1.0, 2.0);

    /** Checks the thresholds. */
    public ValidationOptions {
        if (overcommitWarning <= 0 || overcommitError < overcommitWarning) {
            throw new IllegalArgumentException("thresholds must be positive and warning <= error");
        }
    }

    /** The options of an overcommit profile: the validator then holds domains to what the planner places by. */
    public static ValidationOptions of(OvercommitProfile profile) {
        return new ValidationOptions(profile.warnRatio(), profile.maxRatio());
    }

    /** The thresholds as an overcommit profile (a preset when they are one's). */
    public OvercommitProfile overcommit() {
        return OvercommitProfile.forRatios(overcommitWarning, overcommitError);
    }
}
