package io.virtforge.libvirt;

import io.virtforge.connect.Scope;
import io.virtforge.connect.UndefineOption;
import io.virtforge.libvirt.jna.NativeFlags;
import java.util.Objects;

/** libvirt flag values for the SDK's enums (libvirt's stable ABI constants). */
final class Flags {
    /** {@code VIR_DOMAIN_XML_SECURE}: include passwords and other secrets. */
    static final int XML_SECURE = 1;
    /** {@code VIR_DOMAIN_XML_INACTIVE}: the persistent definition, not the running one. */
    static final int XML_INACTIVE = 2;
    /** {@code VIR_DOMAIN_XML_MIGRATABLE}: the XML another host can take (no hypervisor-internal additions). */
    static final int XML_MIGRATABLE = 1 << 3;
    /** {@code VIR_CONNECT_LIST_DOMAINS_ACTIVE}. */
    static final int LIST_DOMAINS_ACTIVE = 1;
    /** {@code VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET}. */
    static final int LIST_NODE_DEVICES_CAP_NET = 1 << 4;
    /** {@code VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES}: parents of mediated devices. */
    static final int LIST_NODE_DEVICES_CAP_MDEV_TYPES = 1 << 13;
    /** {@code VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV}: mediated devices (active and, libvirt 7.3+, defined). */
    static final int LIST_NODE_DEVICES_CAP_MDEV = 1 << 14;
    /** {@code VIR_DOMAIN_MEMORY_STAT_NR} as of libvirt 9.0: how many memory statistics to ask for. */
    static final int MEMORY_STAT_NR = 13;
    /** {@code VIR_DOMAIN_MEMORY_STAT_UNUSED}. */
    static final int MEMORY_STAT_UNUSED = 4;
    /** {@code VIR_DOMAIN_MEMORY_STAT_AVAILABLE}. */
    static final int MEMORY_STAT_AVAILABLE = 5;
    /** {@code VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON}. */
    static final int MEMORY_STAT_ACTUAL_BALLOON = 6;
    /** {@code VIR_DOMAIN_MEMORY_STAT_RSS}. */
    static final int MEMORY_STAT_RSS = 7;

    private Flags() {
    }

    /** {@code VIR_DOMAIN_AFFECT_*} (the same values as {@code VIR_DOMAIN_DEVICE_MODIFY_*}) for a scope. */
    static int affect(Scope scope) {
        return switch (Objects.requireNonNull(scope, "scope")) {
            case LIVE -> NativeFlags.AFFECT_LIVE;
            case CONFIG -> NativeFlags.AFFECT_CONFIG;
            case BOTH -> NativeFlags.AFFECT_LIVE | NativeFlags.AFFECT_CONFIG;
        };
    }

    /** {@code VIR_DOMAIN_UNDEFINE_*} for the options. */
    static int undefine(UndefineOption... options) {
        int flags = 0;
        for (UndefineOption o : options) {
            flags |= switch (Objects.requireNonNull(o, "option")) {
                case MANAGED_SAVE -> 1;
                case SNAPSHOTS_METADATA -> 2;
                case NVRAM -> 4;
                case KEEP_NVRAM -> 8;
            };
        }
        return flags;
    }
}
