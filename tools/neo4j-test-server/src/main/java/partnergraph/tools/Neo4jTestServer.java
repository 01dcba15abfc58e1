package partnergraph.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Runs an in-process Neo4j for partnergraph's tests: Bolt on 127.0.0.1,
 * authentication off, HTTP off, data in a temporary directory that is removed
 * on exit.
 *
 * <p>Usage: {@code Neo4jTestServer [PORT] [--no-stdin]}. PORT 0 (the default)
 * picks a free port. Once Bolt is listening the server prints one line,
 * {@code BOLT bolt://127.0.0.1:PORT}, and runs until its standard input
 * reaches end of file or it receives SIGTERM or SIGINT. With
 * {@code --no-stdin} standard input is ignored and only a signal stops it,
 * which suits a server started in the background.
 */
public final class Neo4jTestServer {
    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        boolean watchStdin = true;
        for (String arg : args) {
            if (arg.equals("--no-stdin")) {
                watchStdin = false;
                continue;
            }
            try {
                port = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                System.err.println("neo4j-test-server: usage: Neo4jTestServer [PORT] [--no-stdin]; got " + arg);
                System.exit(2);
            }
        }

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .build();

        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close, "neo4j-test-server-shutdown"));

        System.out.println("BOLT bolt://127.0.0.1:" + neo4j.boltURI().getPort());
        System.out.flush();

        if (watchStdin) {
            waitForEndOfInput(System.in);
            // Exiting runs the shutdown hook, which closes the database and
            // deletes its directory.
            System.exit(0);
        }
        forever.await();
    }

    /** Blocks until in reaches end of file or fails. */
    private static void waitForEndOfInput(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) != -1) {
                // The input itself is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken stdin means the parent has gone: stop as well.
        }
    }
}
