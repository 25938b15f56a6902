package org.peakpilot.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest driver's HTTP client: plain HTTP/1.1 over one kept-alive socket per client thread, as a gateway or a
 * load generator such as wrk sends, with each request's bytes (headers after the request line, and the body)
 * encoded before the clock starts. The driver runs on the same two processors as the server it measures; the JDK's
 * {@link java.net.http.HttpClient} (the driver's client until 2026-12-07, still {@code http=jdk}) encodes every body
 * again, copies it through its selector thread and decodes every answer, CPU the server's threads then lack.
 * <p>
 * Answers are read completely (status line, headers, a body of {@code Content-Length} bytes or chunked) and the
 * {@code stored} count taken from the JSON; any status but 200 fails the run. A {@code Connection: close} answer
 * makes the thread connect again.
 */
final class RawHttp {

	private final Map<IngestLoadDriver.Batch, byte[]> requests = new IdentityHashMap<>();

	/** Encodes the requests of the batches (everything after the request line and Host header). */
	RawHttp(List<IngestLoadDriver.Batch> batches, List<IngestLoadDriver.Batch> more) {
		for (List<IngestLoadDriver.Batch> list : List.of(batches, more)) {
			for (IngestLoadDriver.Batch b : list) {
				byte[] body = b.body().getBytes(StandardCharsets.UTF_8);
				byte[] head = ("Authorization: Bearer " + b.token() + "\r\nContent-Type: application/json\r\nContent-Length: "
						+ body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
				byte[] request = new byte[head.length + body.length];
				System.arraycopy(head, 0, request, 0, head.length);
				System.arraycopy(body, 0, request, head.length, body.length);
				requests.put(b, request);
			}
		}
	}

	/** Sends every batch with {@code clients} threads (split between the URIs); returns the readings the server stored. */
	long sendAll(List<URI> uris, List<IngestLoadDriver.Batch> batches, int clients) throws Exception {
		ConcurrentLinkedQueue<IngestLoadDriver.Batch> queue = new ConcurrentLinkedQueue<>(batches);
		AtomicLong stored = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(clients, ThreadCpu.named("bench-http-client-"));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				URI uri = uris.get(i % uris.size());
				futures.add(pool.submit(() -> {
					byte[] line = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n")
						.getBytes(StandardCharsets.US_ASCII);
					Connection connection = null;
					try {
						IngestLoadDriver.Batch b;
						while ((b = queue.poll()) != null) {
							if (connection == null) {
								connection = new Connection(uri);
							}
							connection.out.write(line);
							connection.out.write(requests.get(b));
							connection.out.flush();
							Answer answer = connection.read();
							if (answer.status != 200) {
								throw new IllegalStateException("HTTP " + answer.status + ": " + answer.body);
							}
							int at = answer.body.indexOf("\"stored\":") + 9;
							stored.addAndGet(Long.parseLong(answer.body.substring(at, answer.body.indexOf(',', at))));
							if (answer.close) {
								connection.close();
								connection = null;
							}
						}
					}
					finally {
						if (connection != null) {
							connection.close();
						}
					}
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
			pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES); // the threads' CPU is counted as they end
		}
		return stored.get();
	}

	private record Answer(int status, String body, boolean close) {
	}

	private static final class Connection {

		private final Socket socket;
		private final OutputStream out;
		private final InputStream in;

		Connection(URI uri) throws IOException {
			socket = new Socket(uri.getHost(), uri.getPort());
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(120_000);
			out = socket.getOutputStream();
			in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
		}

		Answer read() throws IOException {
			String status = line();
			if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
				throw new IOException("not an HTTP/1.1 answer: " + status);
			}
			int code = Integer.parseInt(status.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).trim();
				String value = header.substring(colon + 1).trim();
				if (name.equalsIgnoreCase("Content-Length")) {
					length = Long.parseLong(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
					chunked = true;
				}
				else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
					close = true;
				}
			}
			java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(256);
			if (chunked) {
				for (int size = Integer.parseInt(chunkSize(line()), 16); size > 0; size = Integer.parseInt(chunkSize(line()), 16)) {
					body.write(in.readNBytes(size));
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			}
			else if (length >= 0) {
				body.write(in.readNBytes((int) length));
			}
			else {
				body.write(in.readAllBytes());
				close = true;
			}
			return new Answer(code, body.toString(StandardCharsets.UTF_8), close);
		}

		private static String chunkSize(String line) {
			int semicolon = line.indexOf(';');
			return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
		}

		/** A line up to CRLF, without it. */
		private String line() throws IOException {
			StringBuilder sb = new StringBuilder(64);
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new IOException("connection closed by the server");
				}
				if (c != '\r') {
					sb.append((char) c);
				}
			}
			return sb.toString();
		}

		void close() {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}
	}
}
