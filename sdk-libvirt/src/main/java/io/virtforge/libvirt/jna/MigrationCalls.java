package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * Live migration calls on borrowed handles: {@code virDomainMigrate3} with typed parameters, and the job's
 * statistics ({@code virDomainGetJobStats}).
 */
final class MigrationCalls {
    /** The {@code virDomainMigrate3} parameters the SDK sends, with their required native types. */
    static final Map<String, TypedParamType> MIGRATE_SCHEMA = Map.of(
            "migrate_uri", TypedParamType.STRING,
            "destination_name", TypedParamType.STRING,
            "destination_xml", TypedParamType.STRING,
            "persistent_xml", TypedParamType.STRING,
            "bandwidth", TypedParamType.ULLONG);

    private MigrationCalls() {
    }

    /** Migrates; the returned destination domain reference is freed at once (the caller looks it up by UUID). */
    static void migrate3(Pointer dom, Pointer dconn, Map<String, ?> params, int flags) {
        try (TypedParams.Encoded enc = TypedParams.encode(params, MIGRATE_SCHEMA)) { // Java-owned, read by libvirt
            Pointer ddom = LibvirtNative.virDomainMigrate3(dom, dconn, enc.pointer(), enc.count(), flags);
            if (ddom == null) {
                throw NativeErrors.failure("virDomainMigrate3");
            }
            LibvirtNative.virDomainFree(ddom);
        }
    }

    /** The job's statistics; {@code type} is libvirt's {@code virDomainJobType} (0: none). */
    static JobStats jobStats(Pointer dom, int flags) {
        IntByReference type = new IntByReference();
        PointerByReference params = new PointerByReference();
        IntByReference n = new IntByReference();
        if (LibvirtNative.virDomainGetJobStats(dom, type, params, n, flags) < 0) {
            throw NativeErrors.failure("virDomainGetJobStats");
        }
        Pointer array = params.getValue(); // libvirt-allocated: ours to free
        try {
            return new JobStats(type.getValue(), array == null ? Map.of() : TypedParams.decode(array, n.getValue()));
        } finally {
            LibvirtNative.virTypedParamsFree(array, n.getValue());
        }
    }
}
