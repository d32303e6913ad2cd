package io.virtforge.check;

import java.util.Locale;
import java.util.Objects;

/**
 * How far a host's CPUs may be overcommitted: one value that both the validator (its {@code OVERCOMMIT} rule,
 * through {@link ValidationOptions#of(OvercommitProfile)}) and the planner ({@code Planner.withProfile},
 * {@code PlacementRequest.Builder.overcommit}) read, so that they cannot disagree. The presets are the
 * seed's guidance, vCPUs per CPU: production 1:1 to 2:1, dev/test 4:1 to 8:1, VDI 8:1 to 16:1; the lower
 * figure is the warning threshold, the upper one the most that is allowed.
 *
 * <p>Both ratios count the same things, in the validator and in the planner:
 * <ul>
 * <li>host-wide, every vCPU of every domain over the host's physical cores (the seed's definition): above
 *     {@code warnRatio} a warning; above {@code maxRatio} an error for a domain with a dedicated vCPU, which
 *     the planner refuses to place (dedicated and mixed requests);</li>
 * <li>per host NUMA node, the shared vCPUs floating over the node over its shared CPUs (online, not isolated,
 *     no dedicated vCPU pinned to them; see {@code io.virtforge.topology.SharedCpuLoad}): above
 *     {@code warnRatio} a warning, above {@code maxRatio} an error; the planner places shared vCPUs only within
 *     {@code maxRatio} (and within the request's own, lower ratio if it asks for one).</li>
 * </ul>
 *
 * <p>Memory is not part of a profile: the seed's production checklist asks for no ballooning and no KSM, and
 * huge pages cannot be overcommitted, so the planner's base-page ratio stays 1.0 unless a request sets
 * {@code ramAllocationRatio} itself.
 *
 * @param name      the preset's name ({@code production}, {@code dev-test}, {@code vdi}) or {@code W:M}
 * @param warnRatio vCPUs per CPU above which {@code OVERCOMMIT} warns
 * @param maxRatio  vCPUs per CPU above which {@code OVERCOMMIT} is an error and the planner refuses
 */
public record OvercommitProfile(String name, double warnRatio, double maxRatio) {
    /** Production: warn above 1:1, refuse above 2:1. */
    public static final OvercommitProfile PRODUCTION = new OvercommitProfile("production", 1, 2);
    /** Development and test: warn above 4:1, refuse above 8:1. */
    public static final OvercommitProfile DEV_TEST = new OvercommitProfile("dev-test", 4, 8);
    /** Virtual desktops: warn above 8:1, refuse above 16:1. */
    public static final OvercommitProfile VDI = new OvercommitProfile("vdi", 8, 16);

    /** Checks the ratios: positive, warning at most the maximum. */
    public OvercommitProfile {
        Objects.requireNonNull(name, "name");
        if (!(warnRatio > 0) || !(maxRatio >= warnRatio)) {
            throw new IllegalArgumentException("overcommit ratios must be positive with warning <= maximum, not "
                    + warnRatio + ":" + maxRatio);
        }
    }

    /** A profile of its own, named {@code W:M}. */
    public static OvercommitProfile custom(double warnRatio, double maxRatio) {
        return new OvercommitProfile(format(warnRatio) + ":" + format(maxRatio), warnRatio, maxRatio);
    }

    /**
     * A profile by name: {@code production}, {@code dev-test} (or {@code devtest}), {@code vdi}, or
     * {@code W:M} (warning and maximum ratio, e.g. {@code 3:6}, {@code 1.5:2}).
     *
     * @throws IllegalArgumentException for anything else, naming what is accepted
     */
    public static OvercommitProfile parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "production" -> {
                return PRODUCTION;
            }
            case "dev-test", "devtest", "dev_test" -> {
                return DEV_TEST;
            }
            case "vdi" -> {
                return VDI;
            }
            default -> {
                int colon = t.indexOf(':');
                if (colon > 0) {
                    try {
                        return forRatios(Double.parseDouble(t.substring(0, colon)),
                                Double.parseDouble(t.substring(colon + 1)));
                    } catch (NumberFormatException e) {
                        // falls through to the message below
                    }
                }
                throw new IllegalArgumentException("overcommit profile '" + text
                        + "': use production (1:1 to 2:1), dev-test (4:1 to 8:1), vdi (8:1 to 16:1) or WARN:MAX, e.g. 3:6");
            }
        }
    }

    /** The preset with these ratios, else a custom profile. */
    public static OvercommitProfile forRatios(double warnRatio, double maxRatio) {
        for (OvercommitProfile p : new OvercommitProfile[] {PRODUCTION, DEV_TEST, VDI}) {
            if (p.warnRatio == warnRatio && p.maxRatio == maxRatio) {
                return p;
            }
        }
        return custom(warnRatio, maxRatio);
    }

    /** The ratios as {@code W:1 to M:1}. */
    public String ratios() {
        return format(warnRatio) + ":1 to " + format(maxRatio) + ":1";
    }

    /** A ratio as people write it: 2, 1.5 (and "unlimited" for an infinite maximum). */
    static String format(double r) {
        if (Double.isInfinite(r)) {
            return "unlimited";
        }
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    @Override
    public String toString() {
        return name + " (" + ratios() + ")";
    }
}
