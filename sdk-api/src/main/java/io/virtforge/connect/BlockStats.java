package io.virtforge.connect;

/**
 * I/O counters of one disk of a running domain.
 *
 * @param device        the disk's target name (vda, sda...)
 * @param readRequests  read requests
 * @param readBytes     bytes read
 * @param writeRequests write requests
 * @param writeBytes    bytes written
 */
public record BlockStats(String device, long readRequests, long readBytes, long writeRequests, long writeBytes) {
}
