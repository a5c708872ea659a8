let dyect(viaJacobiadu = d[rivative(of: sin(u), wrt: u)
let dtdx = derivative(of: x^2, wrt: x)
let throughU = (dbiadu = d[rivative(of: t: [u: x^2])
throughU
