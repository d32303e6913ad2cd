/**
 * Low-level JNA bindings for the libvirt C calls that libvirt-java 0.5.4 lacks (domain capabilities,
 * huge pages, node device detach/re-attach, emulator and IOThread pinning, NUMA tuning, bulk domain
 * statistics), working on the same native connection libvirt-java opened.
 *
 * <p>The entry point is {@link io.virtforge.libvirt.jna.NativeLibvirt}; failures surface as
 * {@link io.virtforge.libvirt.jna.NativeLibvirtException}. Everything else is package-private.
 *
 * <p><b>Native memory ownership</b>, per libvirt function:
 * <ul>
 *   <li>{@code virConnectGetDomainCapabilities}, {@code virNodeDeviceGetXMLDesc}: return a malloc'd string;
 *       copied, then {@code free()}d.</li>
 *   <li>{@code virNodeGetFreePages}, {@code virNodeAllocPages}, {@code virDomainPinEmulator},
 *       {@code virDomainGetEmulatorPinInfo}, {@code virDomainPinIOThread}: only Java arrays, copied to and
 *       from native memory by JNA for the duration of the call.</li>
 *   <li>{@code virNodeDeviceLookupByName}: a new device reference, released with {@code virNodeDeviceFree}
 *       in {@code finally}. {@code virNodeDeviceGetName}, {@code virDomainGetName}: strings owned by the
 *       object, copied, never freed.</li>
 *   <li>{@code virConnectListAllNodeDevices}: a malloc'd array of new references; each is released with
 *       {@code virNodeDeviceFree}, then the array is {@code free()}d.</li>
 *   <li>{@code virDomainGetIOThreadInfo}: a malloc'd array of malloc'd infos; each is released with
 *       {@code virDomainIOThreadInfoFree}, then the array is {@code free()}d.</li>
 *   <li>{@code virDomainGetNumaParameters}: a Java-allocated ({@code Memory}) array that libvirt fills;
 *       the strings libvirt puts in are released with {@code virTypedParamsClear}, the array by
 *       {@code Memory.close()}.</li>
 *   <li>{@code virDomainSetNumaParameters}: a Java-allocated array with Java-allocated strings, only read
 *       by libvirt; released by {@code Memory.close()} (never by libvirt's typed-parameter frees).</li>
 *   <li>{@code virConnectGetAllDomainStats}: a malloc'd record list with domain references and parameter
 *       arrays; everything is released by one {@code virDomainStatsRecordListFree}.</li>
 *   <li>{@code virCopyLastError}: a Java-allocated {@code virError} whose strings libvirt allocates;
 *       released with {@code virResetError}, then {@code Memory.close()}.</li>
 *   <li>{@code virDomainGetConnect}, {@code virGetLastError}: borrowed pointers, never freed.</li>
 * </ul>
 *
 * <p><b>Threads.</b> libvirt connections are thread-safe and may be shared; libvirt's last error is
 * per thread and overwritten by the thread's next libvirt call, so each failure is copied
 * ({@code virCopyLastError}) on the failing thread immediately after the failing call, before any
 * cleanup call. The classes here hold no mutable state.
 */
package io.virtforge.libvirt.jna;
