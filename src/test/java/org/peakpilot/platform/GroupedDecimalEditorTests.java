package org.peakpilot.platform;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a decimal typed on a page form binds to, and what is refused as no number instead of being read wrongly. */
class GroupedDecimalEditorTests {

	@ParameterizedTest(name = "''{0}'' binds as {1}")
	@CsvSource(delimiter = '|', textBlock = """
			12345.6        | 12345.6
			' 12,345.6 '   | 12345.6
			12，345.6      | 12345.6
			1,234,567      | 1234567
			-1,000.25      | -1000.25
			1E3            | 1000
			1e3            | 1000
			1e-3           | 0.001
			1.5E+2         | 150
			2.5e-1         | 0.25
			1,000e3        | 1000000
			0E-40          | 0
			0E+5           | 0
			0.000          | 0.000
			""")
	void bindsDecimalsWithGroupsAndExponents(String typed, String expected) {
		GroupedDecimalEditor editor = new GroupedDecimalEditor();
		editor.setAsText(typed);
		BigDecimal value = (BigDecimal) editor.getValue();
		assertThat(value).isEqualByComparingTo(expected);
		assertThat(value.scale()).as("written out, never a negative scale").isGreaterThanOrEqualTo(0);
		assertThat(editor.getAsText()).isEqualTo(new BigDecimal(expected).toPlainString());
	}

	@ParameterizedTest(name = "''{0}'' is blank, no value")
	@ValueSource(strings = { "", "  ", "\t" })
	void aBlankFieldIsNull(String typed) {
		GroupedDecimalEditor editor = new GroupedDecimalEditor();
		editor.setAsText(typed);
		assertThat(editor.getValue()).isNull();
		assertThat(editor.getAsText()).isEmpty();
	}

	@ParameterizedTest(name = "''{0}'' is refused")
	@ValueSource(strings = { "12a4", "3,1e", "1,2", "12,34.5", "1,2345", ",123", "1.234,5", "1e", "e3", "1e999999999", "1e-999999999",
			"1e31", "1e-31", "12..5", "1 000", "0x10", "NaN", "Infinity" })
	void refusesWhatIsNoNumberOrWouldBeReadWrongly(String typed) {
		assertThatIllegalArgumentException().isThrownBy(() -> new GroupedDecimalEditor().setAsText(typed));
	}

	@ParameterizedTest(name = "''{0}'' is the largest accepted")
	@ValueSource(strings = { "1e29", "1e-30", "999999999999999999999999999999" })
	void acceptsThirtyDigitsEitherSide(String typed) {
		GroupedDecimalEditor editor = new GroupedDecimalEditor();
		editor.setAsText(typed);
		assertThat(editor.getValue()).isNotNull();
	}
}
