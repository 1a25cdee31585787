package io.colachat.bench.scenario;

import io.colachat.bench.loadgen.Dialect;
import java.net.URI;

/**
 * A server under test.
 *
 * @param name  how results name it: {@code colachat}, {@code baseline}, {@code limit}
 * @param url   its HTTP base, on loopback
 * @param dialect what it speaks
 * @param pid   its process id for RSS readings, or -1 when unknown
 */
public record Target(String name, URI url, Dialect dialect, long pid) {

    public boolean speaksSocketIo() {
        return dialect == Dialect.SOCKET_IO;
    }
}
