package org.peakpilot;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.plugins.RxJavaPlugins;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A normal start of the application with its own embedded MQTT broker and four subscribers in the shared group logs
 * no ERROR and no stack trace, and neither does its stop: the subscribers do not race to create the shared
 * subscription (Artemis' QUEUE_EXISTS, which dropped their connections), and errors RxJava cannot deliver any more
 * while the HiveMQ client ends a session (UndeliverableException) are handled instead of printed.
 */
class MqttStartupLogTests {

	@Test
	void startingAndStoppingWithTheEmbeddedBrokerAndFourSubscribersLogsNoErrorAndNoStackTrace() throws Exception {
		// the ingest installs its handler: none from an earlier context in this JVM
		RxJavaPlugins.setErrorHandler(null);
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream originalErr = System.err;
		System.setErr(new PrintStream(new Tee(originalErr, err), true, StandardCharsets.UTF_8));
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ConfigurableApplicationContext app = null;
		try {
			SpringApplication application = new SpringApplication(PeakPilotApplication.class);
			// after the logging system is set up (it resets appenders), before anything of the context starts
			application.addInitializers(context -> {
				events.start();
				root.addAppender(events);
			});
			app = application.run("--server.port=0", "--peakpilot.test.schema=pp_mqtt_startup", "--peakpilot.test.mqtt=true",
					"--peakpilot.monitoring.mqtt.broker-url=", "--peakpilot.monitoring.mqtt.embedded.persistent=false",
					"--peakpilot.monitoring.mqtt.embedded.port=" + TestBroker.freePort(), "--peakpilot.monitoring.mqtt.subscribers=4",
					"--peakpilot.monitoring.mqtt.client-id=pp-test-startup-ingest");
			MeterRegistry metrics = app.getBean(MeterRegistry.class);
			long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (metrics.get("peakpilot.monitoring.mqtt.connected").gauge().value() < 4) {
				assertThat(System.nanoTime()).as("the four subscribers connect").isLessThan(end);
				Thread.sleep(100);
			}
			// the subscriptions are answered, and the probe for a fifth subscriber's session has come and gone
			end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (List.copyOf(events.list).stream().filter(e -> e.getFormattedMessage().contains("subscribing to")).count() < 4) {
				assertThat(System.nanoTime()).isLessThan(end);
				Thread.sleep(100);
			}
			Thread.sleep(3000);
			assertThat(metrics.get("peakpilot.monitoring.mqtt.connected").gauge().value()).as("no subscriber was dropped").isEqualTo(4);
		}
		finally {
			if (app != null) {
				app.close();
			}
			root.detachAppender(events);
			System.setErr(originalErr);
		}
		List<ILoggingEvent> logged = List.copyOf(events.list);
		assertThat(logged).as("the start was logged").anyMatch(e -> e.getFormattedMessage().contains("Connected to the MQTT broker"));
		assertThat(logged.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).map(MqttStartupLogTests::line)
			.collect(Collectors.toList())).as("errors logged").isEmpty();
		assertThat(logged.stream().filter(e -> e.getThrowableProxy() != null).map(MqttStartupLogTests::line).collect(Collectors.toList()))
			.as("stack traces logged").isEmpty();
		assertThat(logged.stream().filter(e -> e.getFormattedMessage().contains("lost the MQTT broker")).map(MqttStartupLogTests::line)
			.collect(Collectors.toList())).as("subscribers dropped by the broker").isEmpty();
		String stderr = err.toString(StandardCharsets.UTF_8);
		assertThat(stderr).as("printed to stderr").doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(RxJavaPlugins.getErrorHandler()).as("the ingest's handler of undeliverable errors").isNotNull();
	}

	private static String line(ILoggingEvent e) {
		return e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
				+ (e.getThrowableProxy() == null ? "" : " — " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage());
	}

	/** Writes to two streams. */
	private static final class Tee extends OutputStream {

		private final OutputStream a;
		private final OutputStream b;

		Tee(OutputStream a, OutputStream b) {
			this.a = a;
			this.b = b;
		}

		@Override
		public synchronized void write(int c) throws java.io.IOException {
			a.write(c);
			b.write(c);
		}

		@Override
		public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
			a.write(buf, off, len);
			b.write(buf, off, len);
		}
	}
}
