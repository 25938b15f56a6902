package org.peakpilot.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Web sessions live in the database (issue 16, Spring Session JDBC, tables {@code spring_session} and
 * {@code spring_session_attributes} created by Flyway), so that any instance behind the load balancer serves any
 * session: the security context, the CSRF token and flash messages. The sign-in throttle and the security stamp
 * ({@link SessionRevocationFilter}) were already in the database.
 * <p>
 * Attributes are Java-serialized. Flash messages carry the modules' records (an {@link InputError} list, a
 * created token, a closing), which need not be {@link Serializable}: a record that is not is written as its
 * class name and component values and rebuilt through its canonical constructor. An attribute that can no longer
 * be read (a class changed between versions during a rolling update) reads as absent: its user signs in again, or
 * misses one flash message, instead of getting an error page.
 * <p>
 * Reading is filtered ({@link #ATTRIBUTE_CLASSES}): a session row names the classes to build, so whoever could write
 * into {@code spring_session_attributes} could otherwise make the application build any serializable class on its
 * class path (a deserialization gadget). Only the JDK's values, collections and times, Spring Security's and the
 * flash map's classes and PeakPilot's own are built, with bounds on depth, references, arrays and size; a rebuilt
 * record must be one of PeakPilot's. Anything else reads as absent, as an unreadable attribute does.
 * <p>
 * Expired sessions are deleted by one instance per minute ({@code platform.sessionCleanup}) instead of Spring
 * Session's own per-instance timer ({@code spring.session.jdbc.cleanup-cron=-}).
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

	/**
	 * The classes a session attribute may contain: the security context and its tokens, the CSRF token, the saved
	 * request, flash maps, and the modules' flash values (strings, numbers, times, collections, PeakPilot's records
	 * and enums). Arrays are checked by their element type; primitive arrays pass.
	 */
	private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(String.join(";",
			"maxdepth=32", "maxrefs=20000", "maxarray=100000", "maxbytes=4000000",
			"java.lang.*", "java.util.*", "java.util.concurrent.*", "java.time.*", "java.math.*",
			"org.peakpilot.**", "org.springframework.security.**", "org.springframework.web.servlet.FlashMap",
			"org.springframework.util.LinkedMultiValueMap", "org.springframework.util.MultiValueMapAdapter",
			"org.springframework.util.LinkedCaseInsensitiveMap",
			"jakarta.servlet.http.Cookie", "!*"));

	/** {@link #ALLOWED}, saying in the log what it refused. */
	static final ObjectInputFilter ATTRIBUTE_CLASSES = info -> {
		ObjectInputFilter.Status status = ALLOWED.checkInput(info);
		if (status == ObjectInputFilter.Status.REJECTED) {
			log.warn("A session attribute was refused: class {}, depth {}, references {}, array length {}, bytes {}",
					info.serialClass() == null ? "-" : info.serialClass().getName(), info.depth(), info.references(),
					info.arrayLength(), info.streamBytes());
		}
		return status;
	};

	/** The package of the only records {@link RecordForm} may rebuild. */
	private static final String OWN_PACKAGES = "org.peakpilot.";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeSerialization() {
		ClassLoader loader = SessionStore.class.getClassLoader();
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter(SessionStore::write));
		conversions.addConverter(byte[].class, Object.class, new DeserializingConverter(in -> read(in, loader)));
		return repository -> repository.setConversionService(conversions);
	}

	/**
	 * The session cookie, as {@code server.servlet.session.cookie.*} describes it (name, SameSite=Lax, HttpOnly;
	 * Secure whenever the request came over TLS, directly or through a trusted proxy): declared here because Spring
	 * Boot applies those settings to Spring Session only where an embedded web server runs.
	 */
	@Bean
	DefaultCookieSerializer sessionCookieSerializer(@Value("${server.servlet.session.cookie.name}") String name,
			@Value("${server.servlet.session.cookie.same-site}") String sameSite,
			@Value("${server.servlet.session.cookie.http-only}") boolean httpOnly) {
		DefaultCookieSerializer cookie = new DefaultCookieSerializer();
		cookie.setCookieName(name);
		cookie.setSameSite(org.springframework.util.StringUtils.capitalize(sameSite));
		cookie.setUseHttpOnlyCookie(httpOnly);
		return cookie;
	}

	@Bean
	ExpiredSessionCleanup expiredSessionCleanup(JdbcIndexedSessionRepository sessions) {
		return new ExpiredSessionCleanup(sessions);
	}

	/** Deletes expired sessions once a minute on one instance. */
	static class ExpiredSessionCleanup {

		private final JdbcIndexedSessionRepository sessions;

		ExpiredSessionCleanup(JdbcIndexedSessionRepository sessions) {
			this.sessions = sessions;
		}

		/**
		 * One DELETE by expiry time: harmless if two instances ran it, but one suffices. lockAtLeastFor keeps an
		 * instance whose clock is a few seconds behind from running it again in the same minute.
		 */
		@Scheduled(cron = "${peakpilot.platform.session-cleanup-cron:0 * * * * *}")
		@SchedulerLock(name = "platform.sessionCleanup", lockAtMostFor = "PT5M", lockAtLeastFor = "PT30S")
		public void removeExpired() {
			sessions.cleanUpExpiredSessions();
		}
	}

	static void write(Object value, OutputStream out) throws IOException {
		ObjectOutputStream objects = new RecordWritingStream(out);
		objects.writeObject(value);
		objects.flush();
	}

	static Object read(InputStream in, ClassLoader loader) {
		try {
			return new RecordReadingStream(in, loader).readObject();
		}
		catch (IOException | ClassNotFoundException | RuntimeException ex) {
			log.warn("A session attribute could not be read and counts as absent: {}", ex.toString());
			return null;
		}
	}

	/** A record that is not {@link Serializable}, as written into a session: its class and component values. */
	record RecordForm(String type, Object[] components) implements Serializable {
	}

	private static final class RecordWritingStream extends ObjectOutputStream {

		RecordWritingStream(OutputStream out) throws IOException {
			super(out);
			enableReplaceObject(true);
		}

		@Override
		protected Object replaceObject(Object value) throws IOException {
			if (!(value instanceof Record) || value instanceof Serializable) {
				return value;
			}
			RecordComponent[] components = value.getClass().getRecordComponents();
			Object[] values = new Object[components.length];
			try {
				for (int i = 0; i < components.length; i++) {
					Method accessor = components[i].getAccessor();
					accessor.setAccessible(true);
					values[i] = accessor.invoke(value);
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IOException("cannot read the record " + value.getClass().getName(), ex);
			}
			return new RecordForm(value.getClass().getName(), values);
		}
	}

	private static final class RecordReadingStream extends ConfigurableObjectInputStream {

		private final ClassLoader loader;

		RecordReadingStream(InputStream in, ClassLoader loader) throws IOException {
			super(in, loader);
			this.loader = loader;
			setObjectInputFilter(ATTRIBUTE_CLASSES);
			enableResolveObject(true);
		}

		@Override
		protected Object resolveObject(Object value) throws IOException {
			if (!(value instanceof RecordForm form)) {
				return value;
			}
			if (form.type() == null || !form.type().startsWith(OWN_PACKAGES)) {
				throw new InvalidObjectException(form.type() + " is not one of PeakPilot's records");
			}
			try {
				Class<?> type = Class.forName(form.type(), false, loader);
				if (!type.isRecord()) {
					throw new InvalidObjectException(form.type() + " is no record");
				}
				RecordComponent[] components = type.getRecordComponents();
				Class<?>[] types = new Class<?>[components.length];
				for (int i = 0; i < components.length; i++) {
					types[i] = components[i].getType();
				}
				Constructor<?> canonical = type.getDeclaredConstructor(types);
				canonical.setAccessible(true);
				return canonical.newInstance(form.components());
			}
			catch (ReflectiveOperationException | IllegalArgumentException ex) {
				InvalidObjectException failure = new InvalidObjectException("cannot rebuild the record " + form.type());
				failure.initCause(ex);
				throw failure;
			}
		}
	}
}
