package io.virtforge.libvirt.jna;

/**
 * libvirt flag and selector values used with {@link NativeLibvirt}. The values are libvirt's stable ABI
 * constants; combine flags with {@code |}.
 */
public final class NativeFlags {
    /** {@code VIR_DOMAIN_AFFECT_CURRENT}: the live state if running, else the persistent config. */
    public static final int AFFECT_CURRENT = 0;
    /** {@code VIR_DOMAIN_AFFECT_LIVE}: the running domain. */
    public static final int AFFECT_LIVE = 1;
    /** {@code VIR_DOMAIN_AFFECT_CONFIG}: the persistent configuration. */
    public static final int AFFECT_CONFIG = 2;

    /** {@code VIR_NODE_ALLOC_PAGES_ADD}: add the counts to the current pool. */
    public static final int ALLOC_PAGES_ADD = 0;
    /** {@code VIR_NODE_ALLOC_PAGES_SET}: set the pool to the counts. */
    public static final int ALLOC_PAGES_SET = 1;

    /** {@code VIR_DOMAIN_STATS_STATE}: {@code state.state}, {@code state.reason}. */
    public static final int STATS_STATE = 1;
    /** {@code VIR_DOMAIN_STATS_CPU_TOTAL}: {@code cpu.*}. */
    public static final int STATS_CPU_TOTAL = 1 << 1;
    /** {@code VIR_DOMAIN_STATS_BALLOON}: {@code balloon.*}. */
    public static final int STATS_BALLOON = 1 << 2;
    /** {@code VIR_DOMAIN_STATS_VCPU}: {@code vcpu.*}. */
    public static final int STATS_VCPU = 1 << 3;
    /** {@code VIR_DOMAIN_STATS_INTERFACE}: {@code net.*}. */
    public static final int STATS_INTERFACE = 1 << 4;
    /** {@code VIR_DOMAIN_STATS_BLOCK}: {@code block.*}. */
    public static final int STATS_BLOCK = 1 << 5;
    /** {@code VIR_DOMAIN_STATS_PERF}: {@code perf.*}. */
    public static final int STATS_PERF = 1 << 6;
    /** {@code VIR_DOMAIN_STATS_IOTHREAD}: {@code iothread.*}. */
    public static final int STATS_IOTHREAD = 1 << 7;
    /** {@code VIR_DOMAIN_STATS_MEMORY}: {@code memory.*}. */
    public static final int STATS_MEMORY = 1 << 8;

    /** {@code VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE}: only running domains. */
    public static final int GET_ALL_DOMAINS_STATS_ACTIVE = 1;
    /** {@code VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE}: only shut-off domains. */
    public static final int GET_ALL_DOMAINS_STATS_INACTIVE = 1 << 1;
    /** {@code VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS}: fail if a requested group is unsupported. */
    public static final int GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1 << 31;

    /** {@code VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM}: only the host system device. */
    public static final int LIST_NODE_DEVICES_CAP_SYSTEM = 1;
    /** {@code VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV}: only PCI devices. */
    public static final int LIST_NODE_DEVICES_CAP_PCI_DEV = 1 << 1;

    private NativeFlags() {
    }

    /** {@code VIR_MIGRATE_LIVE}: migrate while the guest runs. */
    public static final int MIGRATE_LIVE = 1;
    /** {@code VIR_MIGRATE_PERSIST_DEST}: keep a persistent definition on the destination. */
    public static final int MIGRATE_PERSIST_DEST = 1 << 3;
    /** {@code VIR_MIGRATE_UNDEFINE_SOURCE}: remove the source's definition once migrated. */
    public static final int MIGRATE_UNDEFINE_SOURCE = 1 << 4;
    /** {@code VIR_MIGRATE_AUTO_CONVERGE}: throttle the vCPUs when memory is dirtied faster than it moves. */
    public static final int MIGRATE_AUTO_CONVERGE = 1 << 13;
    /** {@code VIR_DOMAIN_JOB_STATS_COMPLETED}: the statistics of the last completed job. */
    public static final int JOB_STATS_COMPLETED = 1;
}
