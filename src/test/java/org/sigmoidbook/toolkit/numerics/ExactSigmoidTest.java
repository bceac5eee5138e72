package org.sigmoidbook.toolkit.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

/**
 * The 40-digit reference against values computed independently with Python's decimal module at 50
 * digits (softplus: log(1 + exp(z)) at 450 digits, so that 1 + e^z keeps e^z's digits down to
 * z = -745), against Euler's number, and against the identities it must satisfy.
 */
class ExactSigmoidTest {

    @Test
    void expOfOneIsEulersNumberToThirtyFiveDigits() {
        BigDecimal e = new BigDecimal("2.71828182845904523536028747135266249775724709369995");
        BigDecimal computed = ExactSigmoid.exp(BigDecimal.ONE);
        assertEquals(0, computed.round(new MathContext(35)).compareTo(e.round(new MathContext(35))), computed.toString());
    }

    @Test
    void sigmoidMatchesFiftyDigitValuesToTheLastBit() {
        assertEquals(0.5, ExactSigmoid.of(0.0));
        assertEquals(new BigDecimal("0.73105857863000487925115924182183627436514464016504").doubleValue(), ExactSigmoid.of(1.0));
        assertEquals(new BigDecimal("0.047425873177566780878848151771752201386179432420609").doubleValue(), ExactSigmoid.of(-3.0));
        assertEquals(new BigDecimal("0.95257412682243321912115184822824779861382056757941").doubleValue(), ExactSigmoid.of(3.0));
        assertEquals(new BigDecimal("4.2483542552915889772807209044045063714347627178861E-18").doubleValue(), ExactSigmoid.of(-40.0));
    }

    @Test
    void derivativeMatchesFiftyDigitValuesToTheLastBit() {
        assertEquals(0.25, ExactSigmoid.derivative(0.0));
        assertEquals(new BigDecimal("0.19661193324148185253742473358590902562226728542731").doubleValue(), ExactSigmoid.derivative(1.0));
        assertEquals(new BigDecimal("0.0029721461737184309632297847100209519832907427560232").doubleValue(), ExactSigmoid.derivative(5.8125));
        assertEquals(new BigDecimal("2.0611536139418493436522946053928570983118810905552E-9").doubleValue(), ExactSigmoid.derivative(20.0));
        assertEquals(new BigDecimal("0.24975601823280588915918627543986343086898831337062").doubleValue(), ExactSigmoid.derivative(-0.0625));
    }

    /** ln(1 + e^z) against Python's decimal module (150 digits where 1 + e^z needs them). */
    @Test
    void softplusMatchesFiftyDigitValuesToTheLastBit() {
        assertEquals(new BigDecimal("0.69314718055994530941723212145817656807550013436026").doubleValue(), ExactSigmoid.softplus(0.0));
        assertEquals(new BigDecimal("1.3132616875182228340489954949678556419152800856704").doubleValue(), ExactSigmoid.softplus(1.0));
        assertEquals(new BigDecimal("0.048587351573742058758925919854689997941881642828087").doubleValue(), ExactSigmoid.softplus(-3.0));
        assertEquals(new BigDecimal("0.47407698418010668087299735508117074975559619466787").doubleValue(), ExactSigmoid.softplus(-0.5));
        assertEquals(new BigDecimal("10.000045398899216864646769487829307105596781502282").doubleValue(), ExactSigmoid.softplus(10.0));
        assertEquals(new BigDecimal("0.000045398899216864646769487829307105596781502281820992").doubleValue(), ExactSigmoid.softplus(-10.0));
        assertEquals(new BigDecimal("4.24835425529158898630497784363158218187775067982297E-18").doubleValue(), ExactSigmoid.softplus(-40.0));
        assertEquals(new BigDecimal("3.72007597602083596295969580386311833735889222318196E-44").doubleValue(), ExactSigmoid.softplus(-100.0));
        assertEquals(40.0, ExactSigmoid.softplus(40.0));
        assertEquals(100.0, ExactSigmoid.softplus(100.0));
        assertEquals(0.0, ExactSigmoid.softplus(-900));
        assertEquals(900.0, ExactSigmoid.softplus(900));
    }

    /** softplus(z) - softplus(-z) = z, and softplus(-z) = -ln sigma(z), against the sigmoid reference. */
    @Test
    void softplusIdentities() {
        for (double z = -30; z <= 30; z += 0.71) {
            assertEquals(z, ExactSigmoid.softplus(z) - ExactSigmoid.softplus(-z), 4 * Math.ulp(Math.abs(z) + 1), "z = " + z);
            // -ln sigma(z); for z > 0 as -ln(1 - sigma(-z)) with log1p, so that the expectation keeps its digits
            double minusLogSigma = z < 0 ? -Math.log(ExactSigmoid.of(z)) : -Math.log1p(-ExactSigmoid.of(-z));
            assertEquals(minusLogSigma, ExactSigmoid.softplus(-z), 4 * Math.ulp(minusLogSigma), "z = " + z);
        }
    }

    /** sigma' = sigma (1 - sigma) holds between two different formulas, where 1 - sigma does not cancel. */
    @Test
    void derivativeEqualsSigmaTimesOneMinusSigma() {
        for (double z = -30; z <= 2; z += 0.37) {
            double s = ExactSigmoid.of(z);
            double expected = s * ExactSigmoid.of(-z);
            assertEquals(expected, ExactSigmoid.derivative(z), 4 * Math.ulp(expected), "z = " + z);
        }
    }

    @Test
    void symmetryAndTails() {
        for (double z = 0; z <= 40; z += 0.53) {
            assertEquals(ExactSigmoid.derivative(z), ExactSigmoid.derivative(-z), "sigma' is even, z = " + z);
            assertEquals(1.0, ExactSigmoid.of(z) + ExactSigmoid.of(-z), Math.ulp(1.0), "sigma(z) + sigma(-z) = 1, z = " + z);
        }
        assertEquals(0.0, ExactSigmoid.of(-900));
        assertEquals(1.0, ExactSigmoid.of(900));
        assertEquals(0.0, ExactSigmoid.derivative(-900));
        assertTrue(ExactSigmoid.of(-700) > 0, "e^-700 is still a normal double");
    }

    @Test
    void softplusMatchesHighPrecisionValuesToTheLastBit() {
        assertEquals(new BigDecimal("2.822350730471937076353440082059782620824363063e-324").doubleValue(), ExactSigmoid.softplus(-745.0));
        assertEquals(new BigDecimal("9.859676543759770856705372947849465105115600181e-305").doubleValue(), ExactSigmoid.softplus(-700.0));
        assertEquals(new BigDecimal("3.720075976020835962959695803863118337358892223e-44").doubleValue(), ExactSigmoid.softplus(-100.0));
        assertEquals(new BigDecimal("4.248354255291588986304977843631582181877750680e-18").doubleValue(), ExactSigmoid.softplus(-40.0));
        assertEquals(new BigDecimal("4.139937633089747447708360061670282583664959094e-8").doubleValue(), ExactSigmoid.softplus(-17.0));
        assertEquals(new BigDecimal("3.132616875182228340489954949678556419152800857e-1").doubleValue(), ExactSigmoid.softplus(-1.0));
        assertEquals(new BigDecimal("6.931471805599453094172321214581765680755001344e-1").doubleValue(), ExactSigmoid.softplus(0.0));
        assertEquals(new BigDecimal("9.740769841801066808729973550811707497555961947e-1").doubleValue(), ExactSigmoid.softplus(0.5));
        assertEquals(new BigDecimal("1.500000030590227371372048589701917728032988193e+1").doubleValue(), ExactSigmoid.softplus(15.0));
        assertEquals(new BigDecimal("3.675000000000000010956650033262366628586745204e+1").doubleValue(), ExactSigmoid.softplus(36.75));
        assertEquals(100.0, ExactSigmoid.softplus(100.0));
        assertEquals(900.0, ExactSigmoid.softplus(900.0));
        assertEquals(0.0, ExactSigmoid.softplus(-900.0));
    }

    /**
     * softplus(z) = z + softplus(-z) and log sigma(-z) = -z - softplus(-z), for z >= 0, where the
     * right-hand sides add numbers of one sign and round only once.
     */
    @Test
    void softplusAndLogSigmoidIdentities() {
        for (double z = 0; z <= 40; z += 0.61) {
            double expected = z + ExactSigmoid.softplus(-z);
            assertEquals(expected, ExactSigmoid.softplus(z), Math.ulp(expected), "z = " + z);
            double expectedLog = -z - ExactSigmoid.softplus(-z);
            assertEquals(expectedLog, ExactSigmoid.logSigmoid(-z), Math.ulp(expectedLog), "z = " + z);
        }
        assertEquals(-Math.log(2), ExactSigmoid.logSigmoid(0.0));
    }

    @Test
    void log1pOfOneIsLnTwoAndOfATinyNumberIsThatNumber() {
        BigDecimal ln2 = new BigDecimal("0.69314718055994530941723212145817656807550013436026");
        assertEquals(0, ExactSigmoid.log1p(BigDecimal.ONE).round(new MathContext(38)).compareTo(ln2.round(new MathContext(38))));
        BigDecimal tiny = new BigDecimal("1e-300");
        // log(1 + t) = t - t^2/2 + ...: the second term is 300 digits below the first.
        assertEquals(0, ExactSigmoid.log1p(tiny).compareTo(tiny));
    }

    @Test
    void log1pOfZeroIsZeroAndArgumentsOutsideTheUnitIntervalAreRefused() {
        assertEquals(0, ExactSigmoid.log1p(BigDecimal.ZERO).signum());
        assertThrows(IllegalArgumentException.class, () -> ExactSigmoid.log1p(new BigDecimal("-1e-30")));
        assertThrows(IllegalArgumentException.class, () -> ExactSigmoid.log1p(new BigDecimal("1.000000001")));
        assertThrows(IllegalArgumentException.class, () -> ExactSigmoid.exp(new BigDecimal("-1e-30")));
        assertThrows(IllegalArgumentException.class, () -> ExactSigmoid.of(Double.NaN));
    }
}
