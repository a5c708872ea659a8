/// The formulas of Parr & Howard's "The Matrix Calculus You Need For Deep Learning", part 1,
/// typed as a lesson author would.
enum ParrHowardCorpus {
    struct Formula {
        var section: String
        var tex: String
        var display: Bool
    }

    static let formulas: [Formula] = [
        // 1. The neuron.
        Formula(section: "neuron", tex: #"z(\mathbf{x}) = \sum_{i}^{n} w_i x_i + b = \mathbf{w} \cdot \mathbf{x} + b"#, display: true),
        Formula(section: "neuron", tex: #"\operatorname{activation}(\mathbf{x}) = \max(0, \mathbf{w} \cdot \mathbf{x} + b)"#, display: true),
        Formula(section: "neuron", tex: #"\max(0, z(\mathbf{x}))"#, display: false),
        Formula(section: "neuron", tex: #"\frac{\partial}{\partial \mathbf{w}} (\mathbf{w} \cdot \mathbf{x} + b) \quad\text{and}\quad \frac{\partial}{\partial b} (\mathbf{w} \cdot \mathbf{x} + b)"#, display: true),
        Formula(section: "neuron", tex: #"C(\mathbf{w}, b) = \frac{1}{N} \sum_{i=1}^{N} \left( y_i - \max(0, \mathbf{w} \cdot \mathbf{x}_i + b) \right)^2"#, display: true),
        // 2. Partial derivatives.
        Formula(section: "partials", tex: #"f(x, y) = 3x^2y"#, display: false),
        Formula(section: "partials", tex: #"\frac{\partial f(x,y)}{\partial x} = \frac{\partial}{\partial x} 3x^2y = 3y\frac{\partial}{\partial x} x^2 = 3y \cdot 2x = 6yx"#, display: true),
        Formula(section: "partials", tex: #"\frac{\partial f(x,y)}{\partial y} = \frac{\partial}{\partial y} 3x^2y = 3x^2 \frac{\partial}{\partial y} y = 3x^2 \cdot 1 = 3x^2"#, display: true),
        Formula(section: "partials", tex: #"\frac{d}{dx} x^n = nx^{n-1}"#, display: false),
        // 3. The gradient.
        Formula(section: "gradient", tex: #"\nabla f(x, y) = \left[ \frac{\partial f(x,y)}{\partial x}, \frac{\partial f(x,y)}{\partial y} \right] = [6yx, 3x^2]"#, display: true),
        Formula(section: "gradient", tex: #"\nabla f(x,y) = \begin{bmatrix} 6yx \\ 3x^2 \end{bmatrix}"#, display: true),
        // 4. The Jacobian.
        Formula(section: "jacobian", tex: #"g(x, y) = 2x + y^8"#, display: false),
        Formula(section: "jacobian", tex: #"\nabla g(x,y) = \left[ \frac{\partial g(x,y)}{\partial x}, \frac{\partial g(x,y)}{\partial y} \right] = [2, 8y^7]"#, display: true),
        Formula(section: "jacobian", tex: #"J = \begin{bmatrix} \nabla f(x,y) \\ \nabla g(x,y) \end{bmatrix} = \begin{bmatrix} \dfrac{\partial f(x,y)}{\partial x} & \dfrac{\partial f(x,y)}{\partial y} \\[4pt] \dfrac{\partial g(x,y)}{\partial x} & \dfrac{\partial g(x,y)}{\partial y} \end{bmatrix} = \begin{bmatrix} 6yx & 3x^2 \\ 2 & 8y^7 \end{bmatrix}"#, display: true),
        // 5. Generalising.
        Formula(section: "generalising", tex: #"\mathbf{y} = \mathbf{f}(\mathbf{x}), \quad \mathbf{x} \in \mathbb{R}^n, \; \mathbf{y} \in \mathbb{R}^m"#, display: true),
        Formula(section: "generalising", tex: #"\begin{aligned} y_1 &= f_1(\mathbf{x}) \\ y_2 &= f_2(\mathbf{x}) \\ &\;\vdots \\ y_m &= f_m(\mathbf{x}) \end{aligned}"#, display: true),
        Formula(section: "generalising", tex: #"\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \begin{bmatrix} \nabla f_1(\mathbf{x}) \\ \nabla f_2(\mathbf{x}) \\ \vdots \\ \nabla f_m(\mathbf{x}) \end{bmatrix} = \begin{bmatrix} \frac{\partial}{\partial x_1} f_1(\mathbf{x}) & \frac{\partial}{\partial x_2} f_1(\mathbf{x}) & \cdots & \frac{\partial}{\partial x_n} f_1(\mathbf{x}) \\ \frac{\partial}{\partial x_1} f_2(\mathbf{x}) & \frac{\partial}{\partial x_2} f_2(\mathbf{x}) & \cdots & \frac{\partial}{\partial x_n} f_2(\mathbf{x}) \\ \vdots & \vdots & \ddots & \vdots \\ \frac{\partial}{\partial x_1} f_m(\mathbf{x}) & \frac{\partial}{\partial x_2} f_m(\mathbf{x}) & \cdots & \frac{\partial}{\partial x_n} f_m(\mathbf{x}) \end{bmatrix}"#, display: true),
        Formula(section: "generalising", tex: #"\frac{\partial \mathbf{x}}{\partial \mathbf{x}} = I = \begin{bmatrix} 1 & 0 & \cdots & 0 \\ 0 & 1 & \cdots & 0 \\ \vdots & & \ddots & \vdots \\ 0 & 0 & \cdots & 1 \end{bmatrix}"#, display: true),
        // 6. Element-wise binary operations.
        Formula(section: "elementwise", tex: #"\mathbf{y} = \mathbf{f}(\mathbf{w}) \bigcirc \mathbf{g}(\mathbf{x})"#, display: true),
        Formula(section: "elementwise", tex: #"\begin{bmatrix} y_1 \\ y_2 \\ \vdots \\ y_n \end{bmatrix} = \begin{bmatrix} f_1(\mathbf{w}) \bigcirc g_1(\mathbf{x}) \\ f_2(\mathbf{w}) \bigcirc g_2(\mathbf{x}) \\ \vdots \\ f_n(\mathbf{w}) \bigcirc g_n(\mathbf{x}) \end{bmatrix}"#, display: true),
        Formula(section: "elementwise", tex: #"\frac{\partial \mathbf{y}}{\partial \mathbf{w}} = \operatorname{diag}\left( \frac{\partial}{\partial w_1} (f_1(w_1) \bigcirc g_1(x_1)), \ldots, \frac{\partial}{\partial w_n} (f_n(w_n) \bigcirc g_n(x_n)) \right)"#, display: true),
        Formula(section: "elementwise", tex: #"\frac{\partial (\mathbf{w} + \mathbf{x})}{\partial \mathbf{w}} = I, \qquad \frac{\partial (\mathbf{w} - \mathbf{x})}{\partial \mathbf{x}} = -I"#, display: true),
        Formula(section: "elementwise", tex: #"\frac{\partial (\mathbf{w} \otimes \mathbf{x})}{\partial \mathbf{w}} = \operatorname{diag}(\mathbf{x}), \qquad \frac{\partial (\mathbf{w} \oslash \mathbf{x})}{\partial \mathbf{x}} = \operatorname{diag}\left( \frac{-w_1}{x_1^2}, \ldots, \frac{-w_n}{x_n^2} \right)"#, display: true),
        Formula(section: "elementwise", tex: #"\mathbf{w} \odot \mathbf{x}"#, display: false),
        // 7. Scalar expansion.
        Formula(section: "scalar-expansion", tex: #"\mathbf{y} = \mathbf{x} + z = \mathbf{f}(\mathbf{x}) + \mathbf{g}(z), \quad \mathbf{g}(z) = \mathbf{1} z"#, display: true),
        Formula(section: "scalar-expansion", tex: #"\frac{\partial}{\partial \mathbf{x}} (\mathbf{x} + z) = I, \quad \frac{\partial}{\partial z} (\mathbf{x} + z) = \mathbf{1}, \quad \frac{\partial}{\partial \mathbf{x}} (\mathbf{x} z) = zI, \quad \frac{\partial}{\partial z} (\mathbf{x} z) = \mathbf{x}"#, display: true),
        // 8. Vector sum reduction.
        Formula(section: "sum-reduction", tex: #"y = \operatorname{sum}(\mathbf{f}(\mathbf{x})) = \sum_{i=1}^{n} f_i(\mathbf{x})"#, display: true),
        Formula(section: "sum-reduction", tex: #"\nabla y = \frac{\partial y}{\partial \mathbf{x}} = \left[ \sum_i \frac{\partial f_i(\mathbf{x})}{\partial x_1}, \sum_i \frac{\partial f_i(\mathbf{x})}{\partial x_2}, \ldots, \sum_i \frac{\partial f_i(\mathbf{x})}{\partial x_n} \right]"#, display: true),
        Formula(section: "sum-reduction", tex: #"\nabla y = [1, 1, \ldots, 1] = \vec{1}^T = \mathbf{1}^\top"#, display: true),
        Formula(section: "sum-reduction", tex: #"y = \operatorname{sum}(\mathbf{x} z), \qquad \frac{\partial y}{\partial \mathbf{x}} = z \mathbf{1}^\top, \qquad \frac{\partial y}{\partial z} = \operatorname{sum}(\mathbf{x})"#, display: true),
        Formula(section: "sum-reduction", tex: #"\mathbf{x}^\intercal, \ \mathbf{x} \in \mathbb{R}^{n \times 1}"#, display: false),
        // Part 2 and 3 previews the outline names.
        Formula(section: "chain-rule", tex: #"\frac{dy}{dx} = \frac{dy}{du} \cdot \frac{du}{dx}, \qquad y = \sin(x^2), \qquad y = \ln(\sin(x^3)^2)"#, display: true),
        Formula(section: "chain-rule", tex: #"\frac{\partial}{\partial \mathbf{x}} \mathbf{f}(\mathbf{g}(\mathbf{x})) = \frac{\partial \mathbf{f}}{\partial \mathbf{g}} \frac{\partial \mathbf{g}}{\partial \mathbf{x}}"#, display: true),
        Formula(section: "neuron-gradient", tex: #"\frac{\partial}{\partial \mathbf{w}} \operatorname{activation}(\mathbf{x}) = \begin{cases} \mathbf{0}^T & \mathbf{w} \cdot \mathbf{x} + b \le 0 \\ \mathbf{x}^T & \mathbf{w} \cdot \mathbf{x} + b > 0 \end{cases}"#, display: true),
        Formula(section: "loss", tex: #"\mathbf{w}_{t+1} = \mathbf{w}_t - \eta \frac{\partial C}{\partial \mathbf{w}}, \quad \eta \approx 0.01, \quad \lVert \nabla C \rVert \to 0"#, display: true),
    ]
}
