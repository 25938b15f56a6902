package org.peakpilot.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.internal.ReadingParser.Batch;
import org.peakpilot.platform.InvalidInputException;

import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written reader of the usual batch shape against Jackson's streaming path: for every body, either the
 * hand-written reader declines (null) or it gives exactly what Jackson gives (readings, texts, raw slices, batch
 * options); and where Jackson refuses a body, it declines, so that {@link ReadingParser#jsonBatch} answers the same
 * error.
 */
class FastBatchReaderTests {

	final JsonMapper mapper = JsonMapper.builder().build();

	static final String USUAL = """
			{"readings":[{"meter":"E-0001","ts":"2026-11-24T10:15:00+08:00","value":1234.5},\
			{"meter":"E-0002","ts":"2026-11-24T10:15:00+08:00","value":0.000001,"unit":"kWh"}]}""";

	/** Bodies the reader must take itself (and read as Jackson does). */
	static final List<String> TAKEN = List.of(USUAL,
			"[{\"meter\":\"E-1\",\"ts\":\"2026-11-24T10:15:00Z\",\"value\":\"7\"}]",
			" \r\n\t{ \"batchId\" : \"gw7-000123\" , \"timestampMarks\":\"start\", \"correction\": true, \"readings\" : [ { \"ts\" : null ,"
					+ " \"meter\" : \"E-01\" , \"value\" : -0 , \"unit\" : null , \"correction\" : false } , {} ] } \n",
			"{\"readings\":[], \"batchId\": null, \"timestampMarks\": null, \"correction\": null}",
			"{\"readings\":[{\"meter\":\"E-01\",\"ts\":\"x\",\"value\":null,\"correction\":null}]}",
			"{\"readings\":[{\"meter\":\"\",\"ts\":\"\",\"value\":\"\"},{\"value\":99999999999999999999999999999999.999999}]}",
			"{\"timestampMarks\":\"sideways\",\"readings\":[{\"value\":-12.340}]}", "[]", "[{}]",
			"{\"readings\":[{\"meter\":\"E 01 ~!@#$%^&*()_+{}[]:;'<>?,./|`\",\"ts\":\"2026-11-24 10:30\",\"value\":0}]}");

	/** Bodies with something unusual or wrong: the reader must decline them (Jackson reads them or refuses them). */
	static final List<String> DECLINED = List.of("", " ", "null", "42", "\"x\"", "{}", "{\"other\": []}", "{\"readings\": {}}",
			"{\"readings\": null}", "[] []", "{\"readings\": []} x", "{\"readings\": []}}", "{\"readings\": [],}",
			"[{\"meter\": \"E-01\"},]", "[{\"meter\": \"E-01\",}]", "[{\"meter\": \"E-01\"}", "[{\"meter\": \"E-01\"", "[,]", "[1]",
			"[\"x\"]", "[null]", "[[1]]", "[{\"meterId\": 42, \"ts\": \"x\", \"value\": 1}]", "[{\"meter\": \"E-01\", \"extra\": 1}]",
			"{\"gateway\": 7, \"readings\": []}", "[{\"meter\": \"E-01\", \"meter\": \"E-02\"}]",
			"{\"readings\": [], \"readings\": [{\"meter\": \"E-01\"}]}", "{\"batchId\": \"a\", \"batchId\": \"b\", \"readings\": []}",
			"[{\"meter\": \"E\\u002d01\"}]", "[{\"meter\": \"E\\\"01\"}]", "[{\"meter\": \"一号表\"}]", "[{\"meter\": \"E\t01\"}]",
			"[{\"value\": 1e3}]", "[{\"value\": 1E-3}]", "[{\"value\": 1.5e+300}]", "[{\"value\": +1}]", "[{\"value\": 01}]",
			"[{\"value\": 1.}]", "[{\"value\": .5}]", "[{\"value\": -}]", "[{\"value\": 1.5x}]", "[{\"value\": NaN}]",
			"[{\"value\": true}]", "[{\"value\": {\"v\": 1}}]", "[{\"value\": [1]}]", "[{\"meter\": 12}]", "[{\"ts\": 1700000000000}]",
			"[{\"meter\": nul}]", "[{\"meter\": nullx}]", "[{\"correction\": \"yes\"}]", "[{\"correction\": truex}]",
			"{\"correction\": 1, \"readings\": []}", "{\"timestampMarks\": 3, \"readings\": []}", "{\"batchId\": {}, \"readings\": []}",
			"[{\"value\": " + "9".repeat(FastBatchReader.MAX_NUMBER + 1) + "}]", "[{\"value\": " + "9".repeat(2000) + "}]",
			"[{\"meter\": \"" + "m".repeat(FastBatchReader.MAX_STRING + 1) + "\"}]", "[{\"meter\": \"" + "m".repeat(300) + "\"}]",
			"/* c */ []", "[] // c", "\uFEFF[]", "[\u0000]", "[]\u0000", "{'readings': []}", "{readings: []}",
			"[{\"meter\": \"E-01\"} {\"meter\": \"E-02\"}]", "{\"readings\" []}", "{\"readings\": [] \"batchId\": \"x\"}");

	@Test
	void takesTheUsualShapeAndReadsItAsJacksonDoes() {
		for (String body : TAKEN) {
			Batch fast = FastBatchReader.read(body);
			assertThat(fast).as(body).isNotNull();
			assertThat(fast).as(body).isEqualTo(ReadingParser.jacksonBatch(mapper, body));
			assertThat(fast.readings()).extracting(ReadingParser.Parsed::raw).as(body)
				.isEqualTo(ReadingParser.jacksonBatch(mapper, body).readings().stream().map(ReadingParser.Parsed::raw).toList());
		}
		Batch usual = FastBatchReader.read(USUAL);
		assertThat(usual.readings()).extracting(p -> p.reading().value()).containsExactly("1234.5", "0.000001");
		assertThat(usual.readings().get(1).raw()).isEqualTo("{\"meter\":\"E-0002\",\"ts\":\"2026-11-24T10:15:00+08:00\",\"value\":0.000001,\"unit\":\"kWh\"}");
	}

	@Test
	void declinesEverythingElseSoThatJacksonAnswersAsBefore() {
		for (String body : DECLINED) {
			assertThat(FastBatchReader.read(body)).as(abbreviated(body)).isNull();
			assertThat(outcome(() -> ReadingParser.jsonBatch(mapper, body))).as(abbreviated(body))
				.isEqualTo(outcome(() -> ReadingParser.jacksonBatch(mapper, body)));
		}
		assertThat(outcome(() -> ReadingParser.jsonBatch(mapper, "{\"readings\": []} x"))).as("the error names the body")
			.startsWith("error [body: not valid JSON");
	}

	/** Random edits of usual bodies (a bounded number): taken only when Jackson reads the same, declined when it refuses. */
	@Test
	void agreesWithJacksonOnRandomEditsOfUsualBodies() {
		Random random = new Random(16);
		String alphabet = " \t\n\"\\{}[],:-+.0123456789eEnultrfsa_xé\u0000/";
		int taken = 0;
		int refused = 0;
		for (int i = 0; i < 20_000; i++) {
			StringBuilder body = new StringBuilder(TAKEN.get(random.nextInt(TAKEN.size())));
			for (int edits = 1 + random.nextInt(3); edits > 0 && body.length() > 0; edits--) {
				int at = random.nextInt(body.length());
				switch (random.nextInt(3)) {
					case 0 -> body.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
					case 1 -> body.deleteCharAt(at);
					default -> body.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			String text = body.toString();
			Batch fast = FastBatchReader.read(text);
			String jackson = outcome(() -> ReadingParser.jacksonBatch(mapper, text));
			if (fast != null) {
				taken++;
				assertThat(outcome(() -> fast)).as(text).isEqualTo(jackson);
			}
			else if (jackson.startsWith("error")) {
				refused++;
			}
			assertThat(outcome(() -> ReadingParser.jsonBatch(mapper, text))).as(text).isEqualTo(jackson);
		}
		assertThat(taken).as("edits that keep the usual shape").isGreaterThan(1000);
		assertThat(refused).as("edits that break the JSON").isGreaterThan(1000);
	}

	/**
	 * A body's meter codes, times and units are kept once each while it is read (issue 16): repeated and distinct
	 * texts, texts of equal hash ("Aa" and "BB"), empty ones, and more distinct texts than the reader keeps all read as
	 * Jackson reads them.
	 */
	@Test
	void repeatedAndDistinctTextsReadAsJacksonReadsThem() {
		Random random = new Random(18);
		StringBuilder body = new StringBuilder("{\"readings\":[");
		for (int i = 0; i < 3000; i++) {
			String meter = switch (random.nextInt(4)) {
				case 0 -> "E-" + random.nextInt(20); // repeated
				case 1 -> "D-" + i; // distinct, far more than the reader keeps
				case 2 -> random.nextBoolean() ? "Aa" : "BB"; // the same String.hashCode
				default -> "";
			};
			String ts = random.nextInt(3) == 0 ? "2026-11-24T10:" + (10 + i % 50) + ":00Z" : "2026-11-24T10:15:00+08:00";
			body.append(i == 0 ? "" : ",").append("{\"meter\":\"").append(meter).append("\",\"ts\":\"").append(ts)
				.append("\",\"value\":").append(random.nextInt(100_000)).append(i % 7 == 0 ? ",\"unit\":\"kWh\"}" : "}");
		}
		String text = body.append("]}").toString();
		Batch fast = FastBatchReader.read(text);
		assertThat(fast).isNotNull();
		assertThat(outcome(() -> fast)).isEqualTo(outcome(() -> ReadingParser.jacksonBatch(mapper, text)));
		assertThat(fast.readings()).extracting(p -> p.reading().meter()).contains("Aa", "BB", "", "E-3");
		assertThat(fast.readings().stream().map(p -> p.reading().meter()).distinct().count()).as("distinct codes")
			.isGreaterThan(600);
	}

	/** The batch with its raw slices, or the error with its field and message. */
	private static String outcome(java.util.function.Supplier<Batch> read) {
		try {
			Batch b = read.get();
			List<String> raws = new ArrayList<>();
			b.readings().forEach(p -> raws.add(p.raw()));
			return b + " " + raws;
		}
		catch (InvalidInputException ex) {
			return "error " + ex.errors();
		}
	}

	private static String abbreviated(String body) {
		return body.length() > 200 ? body.substring(0, 200) + "…" : body;
	}
}
