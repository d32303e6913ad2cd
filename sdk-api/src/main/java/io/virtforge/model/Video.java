package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <video><model type vram heads primary/></video>}: the guest graphics adapter. */
public final class Video extends Device {
    private final String model;
    private final int vram;
    private final int ram;
    private final int vram64;
    private final int vgamem;
    private final int heads;
    private final Boolean primary;

    private Video(ElementReader r) {
        super(r);
        ElementReader m = r.sub("model");
        model = m.attr("type");
        vram = m.uint("vram");
        ram = m.uint("ram");
        vram64 = m.uint("vram64");
        vgamem = m.uint("vgamem");
        heads = m.uint("heads");
        primary = m.bool("primary");
        m.done();
    }

    static Video read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Video(r));
    }

    /** A video device of the given model (virtio, vga, qxl, cirrus, bochs, none...). */
    public static Video of(String model) {
        return read(XmlElement.builder("video").add(XmlElement.builder("model").attribute("type", model).build())
                .build(), ParseContext.create());
    }

    /** The model: vga, cirrus, vmvga, xen, vbox, qxl, virtio, gop, bochs, ramfb, none. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** Video RAM in KiB. */
    public OptionalInt vram() {
        return Opt.of(vram);
    }

    /** RAM in KiB (qxl). */
    public OptionalInt ram() {
        return Opt.of(ram);
    }

    /** 64-bit video RAM in KiB (qxl). */
    public OptionalInt vram64() {
        return Opt.of(vram64);
    }

    /** VGA memory in KiB (qxl). */
    public OptionalInt vgamem() {
        return Opt.of(vgamem);
    }

    /** Number of screens. */
    public OptionalInt heads() {
        return Opt.of(heads);
    }

    /** The primary adapter. */
    public Optional<Boolean> primary() {
        return Optional.ofNullable(primary);
    }
}
