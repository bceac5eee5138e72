// Benchmark 6: what a reader types first in JShell. Run by benchmarks/jshell-time.sh.
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
System.out.println("java sigma(0) = " + Sigmoid.of(0.0));
System.out.println("nd4j sigma(0) = " + Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, 0.0)).getDouble(0));
/exit
