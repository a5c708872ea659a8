let x: Vector<3>
let yfu = [nc x[0]f(