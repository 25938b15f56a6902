package org.peakpilot.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session attributes as the database stores them ({@link SessionStore}): records that are not Serializable too. */
class SessionStoreTests {

	/** Neither record is Serializable, as the modules' flash records are not. */
	record Line(String name, BigDecimal value) {
	}

	record Sheet(long id, Line first, List<Line> lines, Role role) {
		Sheet {
			if (id < 0) {
				throw new IllegalArgumentException("id");
			}
		}
	}

	static class NotARecord {
	}

	private static byte[] written(Object value) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SessionStore.write(value, out);
		return out.toByteArray();
	}

	private static Object read(byte[] bytes) {
		return SessionStore.read(new ByteArrayInputStream(bytes), SessionStoreTests.class.getClassLoader());
	}

	@Test
	void aRecordThatIsNotSerializableComesBackEqualWithItsNestedRecords() throws IOException {
		Line a = new Line("电", new BigDecimal("12.50"));
		Sheet sheet = new Sheet(7, a, new ArrayList<>(List.of(a, new Line("气", null))), Role.CITY_OFFICER);
		Map<String, Object> flash = new java.util.HashMap<>(Map.of("saved", sheet, "errors",
				List.of(InputError.field("currentPassword", "the current password is wrong"))));

		Object back = read(written(flash));

		assertThat(back).isEqualTo(flash);
		assertThat(((Sheet) ((Map<?, ?>) back).get("saved")).first().value()).isEqualByComparingTo("12.5");
	}

	@Test
	void theSignedInScopeComesBack() throws IOException {
		AccessScope scope = new AccessScope("officer", Role.COUNTY_OFFICER, "511181", null, java.util.Set.of(3L, 4L));
		assertThat(read(written(scope))).isEqualTo(scope);
	}

	@Test
	void serializableValuesAreWrittenAsBefore() throws IOException {
		assertThat(read(written("文本"))).isEqualTo("文本");
		assertThat(read(written(List.of(1L, 2L)))).isEqualTo(List.of(1L, 2L));
	}

	@Test
	void anUnreadableAttributeCountsAsAbsent() throws IOException {
		assertThat(read(new byte[] { 1, 2, 3 })).isNull();
		byte[] bytes = written(new Line("x", BigDecimal.ONE));
		// the record's class is gone (a rolling update renamed it): absent, not an error
		String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
			.replace("SessionStoreTests$Line", "SessionStoreTests$Lime");
		assertThat(read(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).isNull();
	}

	@Test
	void anObjectThatIsNeitherSerializableNorARecordIsRefused() {
		assertThatThrownBy(() -> written(new NotARecord())).isInstanceOf(NotSerializableException.class);
	}

	// An attacker who can write a session row chooses the classes the application builds from it: only the allowed
	// ones are built, anything else reads as absent.

	@Test
	void aSerializableClassOutsideTheAllowedOnesIsNotBuilt() throws IOException {
		assertThat(read(written(new java.io.File("/etc/passwd")))).isNull();
		assertThat(read(written(new java.util.ArrayList<>(List.of(new java.io.File("x")))))).isNull();
		assertThat(read(written(new Object[] { new java.net.InetSocketAddress(80) }))).isNull();
		// the same shapes with allowed classes come back
		assertThat(read(written(new java.util.ArrayList<>(List.of("x"))))).isEqualTo(List.of("x"));
		assertThat(read(written(java.time.Instant.EPOCH))).isEqualTo(java.time.Instant.EPOCH);
		assertThat(read(written(new byte[] { 1, 2 }))).isEqualTo(new byte[] { 1, 2 });
	}

	@Test
	void aRecordIsRebuiltOnlyIfItIsPeakPilots() throws IOException {
		byte[] outsider = written(new SessionStore.RecordForm("com.example.outside.Outsider", new Object[] { "x" }));
		assertThat(read(outsider)).isNull();
		byte[] own = written(new SessionStore.RecordForm(Line.class.getName(), new Object[] { "x", BigDecimal.ONE }));
		assertThat(read(own)).isEqualTo(new Line("x", BigDecimal.ONE));
		// the outside record itself is a real record: only the package check stops it
		assertThat(com.example.outside.Outsider.class.isRecord()).isTrue();
	}

	@Test
	void deepNestingIsRefused() throws IOException {
		List<Object> nested = new ArrayList<>();
		List<Object> inner = nested;
		for (int i = 0; i < 100; i++) {
			List<Object> next = new ArrayList<>();
			inner.add(next);
			inner = next;
		}
		assertThat(read(written(nested))).isNull();
		List<Object> shallow = new ArrayList<>(List.of(new ArrayList<>(List.of(1L))));
		assertThat(read(written(shallow))).isEqualTo(shallow);
	}
}
