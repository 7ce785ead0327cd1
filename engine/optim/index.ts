// The optimizers, as torch.optim: SGD (momentum, Nesterov), Adam (AMSGrad), RMSprop (centered).
export { Optimizer } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, type AdamOptions } from './adam';
export { RMSprop, type RMSpropOptions } from './rmsprop';
