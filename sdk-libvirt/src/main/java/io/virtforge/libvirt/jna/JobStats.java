package io.virtforge.libvirt.jna;

import java.util.Map;

/**
 * A domain job's statistics ({@code virDomainGetJobStats}).
 *
 * @param type   libvirt's {@code virDomainJobType}: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed,
 *               5 cancelled
 * @param params the typed parameters, values as {@link NativeLibvirt#allDomainStats} decodes them
 */
public record JobStats(int type, Map<String, Object> params) {
    /** libvirt's {@code VIR_DOMAIN_JOB_NONE}. */
    public static final int NONE = 0;
    /** libvirt's {@code VIR_DOMAIN_JOB_COMPLETED}. */
    public static final int COMPLETED = 3;

    /** Copies the parameters. */
    public JobStats {
        params = Map.copyOf(params);
    }
}
