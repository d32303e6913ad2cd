package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/** Bulk statistics on a borrowed {@code virConnectPtr}. */
final class StatsCalls {
    private StatsCalls() {
    }

    static List<DomainStatsRecord> allDomainStats(Pointer conn, int stats, int flags) {
        PointerByReference out = new PointerByReference();
        int n = LibvirtNative.virConnectGetAllDomainStats(conn, stats, out, flags);
        if (n < 0) {
            throw NativeErrors.failure("virConnectGetAllDomainStats");
        }
        // NULL-terminated array of n records, each with a domain reference and a parameter array: all of
        // it is released by the single virDomainStatsRecordListFree below.
        Pointer list = out.getValue();
        try {
            List<DomainStatsRecord> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer record = list.getPointer((long) i * NativeLayout.POINTER);
                Pointer dom = record.getPointer(NativeLayout.STATS_DOM);
                String name = LibvirtNative.virDomainGetName(dom); // owned by the domain: copied
                if (name == null) {
                    throw NativeErrors.failure("virDomainGetName");
                }
                records.add(new DomainStatsRecord(name, TypedParams.decode(
                        record.getPointer(NativeLayout.STATS_PARAMS), record.getInt(NativeLayout.STATS_NPARAMS))));
            }
            return records;
        } finally {
            LibvirtNative.virDomainStatsRecordListFree(list);
        }
    }
}
