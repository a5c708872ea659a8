/// One formula per construct of the subset, for the screenshot page (the corpus adds the
/// formulas of the lessons).
enum MathShowcase {
    static let formulas: [(title: String, tex: String)] = [
        ("fractions", #"\frac{a+b}{c} + \dfrac{1}{2} + \tfrac{1}{2} + \frac{\partial^2 f}{\partial x \, \partial y}"#),
        ("nested fraction", #"\frac{1}{1 + \frac{1}{x}}"#),
        ("scripts", #"x_i^2 + x^{n-1} + e^{-x^2} + a_{ij} + f'(x) + f''(x) + {}^{14}C"#),
        ("roots", #"\sqrt{x^2 + y^2} + \sqrt[3]{x} + \sqrt{\frac{a}{b}}"#),
        ("large operators (display)", #"\sum_{i=1}^{n} x_i + \prod_{k} a_k + \int_0^1 f(x)\,dx + \int\limits_a^b g"#),
        ("stretchy left-right fences", #"\left( \frac{a}{b} \right) \left[ \sum_i x_i \right] \left\{ x \middle| x > 0 \right\} \left\lVert \frac{1}{2} \right\rVert \left. \frac{df}{dx} \right|_{x=0}"#),
        ("big delimiters", #"\big( \Big( \bigg( \Bigg( x \Bigg) \bigg) \Big) \big)"#),
        ("matrices", #"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \begin{pmatrix} a \\ b \end{pmatrix} \begin{vmatrix} a & b \\ c & d \end{vmatrix} \begin{Vmatrix} x \end{Vmatrix} \begin{matrix} a & b \\ c & d \end{matrix}"#),
        ("matrix of fractions", #"J = \begin{bmatrix} \frac{\partial f}{\partial x} & \frac{\partial f}{\partial y} \\ \frac{\partial g}{\partial x} & \frac{\partial g}{\partial y} \end{bmatrix}"#),
        ("cases", #"\operatorname{relu}(z) = \begin{cases} 0 & z \le 0 \\ z & \text{otherwise} \end{cases}"#),
        ("aligned", #"\begin{aligned} f(x) &= (x + 1)^2 \\ &= x^2 + 2x + 1 \end{aligned}"#),
        ("fonts", #"\mathbf{x}\, \mathbf{W}\, \mathbf{1}\, \boldsymbol{\theta}\, \boldsymbol{x}\, \mathbb{R}^n\, \mathcal{L}\, \mathrm{d}x\, \mathit{diff}\, \mathfrak{g}\, \text{text, with spaces}"#),
        ("greek", #"\alpha\beta\gamma\delta\epsilon\varepsilon\theta\vartheta\lambda\mu\pi\rho\sigma\tau\phi\varphi\chi\psi\omega\;\Gamma\Delta\Theta\Lambda\Xi\Pi\Sigma\Phi\Psi\Omega"#),
        ("operators", #"a \cdot b \times c \odot d \otimes e \oslash f \circ g \pm h \mp i, \quad -x, \quad a = -b"#),
        ("relations", #"a \le b \ge c \ne d \approx e \to f \in g \mapsto h \Rightarrow i \leq \geq \neq"#),
        ("transpose", #"\mathbf{x}^\top \mathbf{y} = \mathbf{x}^\intercal \mathbf{y} = \mathbf{1}^T"#),
        ("accents", #"\hat{x}\, \bar{x}\, \vec{x}\, \tilde{x}\, \dot{x}\, \ddot{x}\, \vec{\mathbf{v}}\, \overline{AB}\, \widehat{xyz}\, \widetilde{xyz}\, \underline{ab}\, \overrightarrow{AB}\, \check{x}\, \breve{x}"#),
        ("dots", #"x_1, x_2, \ldots, x_n \quad x_1 + \cdots + x_n \quad \begin{matrix} a & \cdots & b \\ \vdots & \ddots & \vdots \\ c & \cdots & d \end{matrix}"#),
        ("functions", #"\max(0, z) + \min_x f + \log x + \exp(x) + \sin\theta + \cos^2 x + \tanh(z) + \ln 2 + \det A + \operatorname{diag}(\mathbf{x}) + \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}"#),
        ("fences", #"\{ x \} \quad |x| \quad \|x\|_2 \quad \lvert a \rvert \quad \langle u, v \rangle \quad \lfloor x \rfloor"#),
        ("spaces", #"a\quad b\qquad c\,d\;e\:f\!g"#),
        ("over/underset", #"\overset{\text{def}}{=} \quad \underset{x}{\operatorname{arg\,min}}\, f(x) \quad \operatorname*{arg\,max}_{\theta} L(\theta)"#),
        ("binomial", #"\binom{n}{k} = \frac{n!}{k!\,(n-k)!}"#),
    ]
}
