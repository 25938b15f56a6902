package org.peakpilot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy between the application and PostgreSQL, to take the database away and bring it back: while cut, it
 * closes every open connection and every new one at once, so that the driver sees a database that went down.
 */
final class DatabaseProxy implements AutoCloseable {

	private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");

	private final String targetHost;
	private final int targetPort;
	private final ServerSocket server;
	private final List<Socket> open = new CopyOnWriteArrayList<>();
	private volatile boolean cut;

	/** A proxy for the server of this JDBC URL. */
	DatabaseProxy(String jdbcUrl) throws IOException {
		Matcher m = HOST_PORT.matcher(jdbcUrl);
		if (!m.find()) {
			throw new IllegalArgumentException("no host:port in " + jdbcUrl);
		}
		targetHost = m.group(1);
		targetPort = Integer.parseInt(m.group(2));
		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accept = new Thread(this::accept, "db-proxy");
		accept.setDaemon(true);
		accept.start();
	}

	/** The JDBC URL through this proxy. */
	String url(String jdbcUrl) {
		return HOST_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + server.getLocalPort() + "/");
	}

	void cut() {
		cut = true;
		open.forEach(DatabaseProxy::close);
		open.clear();
	}

	void restore() {
		cut = false;
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				if (cut) {
					close(client);
					continue;
				}
				Socket db = new Socket(targetHost, targetPort);
				open.add(client);
				open.add(db);
				pump(client, db);
				pump(db, client);
			}
			catch (IOException ex) {
				// closed, or the database refused: the client sees its socket closed
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread t = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away
			}
			finally {
				close(from);
				close(to);
				open.remove(from);
				open.remove(to);
			}
		}, "db-proxy-pump");
		t.setDaemon(true);
		t.start();
	}

	private static void close(Socket s) {
		try {
			s.close();
		}
		catch (IOException ignored) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		server.close();
	}
}
