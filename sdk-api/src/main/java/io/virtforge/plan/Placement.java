package io.virtforge.plan;

import io.virtforge.build.DomainBuilder;
import io.virtforge.json.Json;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A placement of a domain on a host: guest cells on host nodes with their vCPU pins, memory and page
 * sizes; the emulator and I/O thread pins; the chosen passthrough devices. {@link #applyTo} writes it
 * into a {@link DomainBuilder}: vCPUs, memory, guest NUMA cells, pins, huge pages and a strict
 * numatune per cell, and the devices.
 *
 * @param cells        per guest cell
 * @param emulatorPin  host CPUs of the emulator threads
 * @param iothreadPins host CPUs per I/O thread id (from 1)
 * @param devices      the chosen devices, in the request's order
 * @param asNic        for each device, true when it is given as an SR-IOV NIC
 * @param mdevs        the chosen mediated devices, in the request's order (some perhaps to create first)
 */
public record Placement(List<CellPlacement> cells, CpuSet emulatorPin, Map<Integer, CpuSet> iothreadPins,
        List<PciAddress> devices, List<Boolean> asNic, List<MdevChoice> mdevs) implements PlacementResult {
    /** Copies the collections. */
    public Placement {
        cells = List.copyOf(cells);
        iothreadPins = Collections.unmodifiableMap(new TreeMap<>(iothreadPins));
        devices = List.copyOf(devices);
        asNic = List.copyOf(asNic);
        mdevs = List.copyOf(mdevs);
    }

    /** A placement without mediated devices. */
    public Placement(List<CellPlacement> cells, CpuSet emulatorPin, Map<Integer, CpuSet> iothreadPins,
            List<PciAddress> devices, List<Boolean> asNic) {
        this(cells, emulatorPin, iothreadPins, devices, asNic, List.of());
    }

    /** The host nodes used. */
    public NodeSet hostNodes() {
        return NodeSet.of(cells.stream().map(CellPlacement::hostNode).toList());
    }

    /** vCPU pins over all cells. */
    public Map<Integer, CpuSet> vcpuPins() {
        Map<Integer, CpuSet> all = new TreeMap<>();
        cells.forEach(c -> all.putAll(c.vcpuPins()));
        return all;
    }

    /** Total memory. */
    public DataSize memory() {
        long sum = 0;
        for (CellPlacement c : cells) {
            sum += c.memory().bytes();
        }
        return DataSize.ofBytes(sum);
    }

    /**
     * Writes the placement into a builder: vCPU count, memory, one guest cell per placed cell, a pin
     * per vCPU, the emulator and I/O thread pins, the huge pages (per guest cell when sizes differ),
     * numatune strict on the used nodes with one memnode per cell, and the devices (mediated ones by their
     * UUID: those to {@linkplain MdevChoice#create() create} must exist before the domain starts).
     */
    public DomainBuilder applyTo(DomainBuilder b) {
        b.vcpus(vcpuPins().size()).memory(memory());
        for (CellPlacement c : cells) {
            b.numaCell(c.guestVcpus(), c.memory());
            c.vcpuPins().forEach(b::pinVcpu);
            b.cellMemoryOn(c.guestCell(), NumaMode.STRICT, NodeSet.of(c.hostNode()));
        }
        b.memoryOn(NumaMode.STRICT, hostNodes());
        Map<PageSize, List<Integer>> bySize = new TreeMap<>();
        for (CellPlacement c : cells) {
            c.pageSize().ifPresent(s -> bySize.computeIfAbsent(s, k -> new ArrayList<>()).add(c.guestCell()));
        }
        if (bySize.size() == 1 && bySize.values().iterator().next().size() == cells.size()) {
            b.hugepages(bySize.keySet().iterator().next());
        } else {
            bySize.forEach((size, cellIds) -> b.hugepages(size, NodeSet.of(cellIds)));
        }
        if (!emulatorPin.isEmpty()) {
            b.pinEmulator(emulatorPin);
        }
        if (!iothreadPins.isEmpty()) {
            b.iothreads(iothreadPins.size());
            iothreadPins.forEach(b::pinIothread);
        }
        for (int i = 0; i < devices.size(); i++) {
            PciAddress a = devices.get(i);
            if (asNic.get(i)) {
                b.nic(n -> n.sriovVf(a));
            } else {
                b.hostdev(a);
            }
        }
        mdevs.forEach(m -> b.device(Hostdev.mdev(m.uuid(), m.deviceApi()).build()));
        return b;
    }

    @Override
    public String toJson() {
        return Json.write(jsonFields());
    }

    /**
     * The fields of {@link #toJson()}, in its order ({@code fit} first), for JSON that embeds a placement
     * (the fleet planner's answer adds the host). A new map on each call, of values {@link Json#write} takes.
     */
    public Map<String, Object> jsonFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fit", true);
        List<Object> cellList = new ArrayList<>();
        for (CellPlacement c : cells) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("guestCell", c.guestCell());
            cm.put("hostNode", c.hostNode());
            Map<String, Object> pins = new LinkedHashMap<>();
            c.vcpuPins().forEach((v, s) -> pins.put(Integer.toString(v), s.size() == 1 ? (Object) s.first().getAsInt()
                    : s.format()));
            cm.put("vcpuPins", pins);
            cm.put("memory", c.memory().format());
            cm.put("pageSize", c.pageSize().map(PageSize::format).orElse("4KiB"));
            cellList.add(cm);
        }
        m.put("cells", cellList);
        m.put("emulatorPin", emulatorPin.format());
        Map<String, Object> io = new LinkedHashMap<>();
        iothreadPins.forEach((id, s) -> io.put(Integer.toString(id), s.format()));
        m.put("iothreadPins", io);
        m.put("devices", devices.stream().map(PciAddress::format).toList());
        if (!mdevs.isEmpty()) {
            m.put("mdevs", mdevs.stream().map(Placement::mdevJson).toList());
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> mdevJson(MdevChoice c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        m.put("parent", c.parent());
        m.put("uuid", c.uuid().toString());
        m.put("create", c.create());
        return m;
    }

    /** The page size of a guest cell. */
    public Optional<PageSize> pageSizeOf(int guestCell) {
        return cells.stream().filter(c -> c.guestCell() == guestCell).findFirst().flatMap(CellPlacement::pageSize);
    }
}
